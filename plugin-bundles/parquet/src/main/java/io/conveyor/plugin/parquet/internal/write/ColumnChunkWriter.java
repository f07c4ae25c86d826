package io.conveyor.plugin.parquet.internal.write;

import java.io.IOException;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One column of the row group being written: its own parquet-java column writer and page store,
 * over a schema of that column alone, so that the columns of a batch can be encoded on separate
 * threads. Its pages are held (compressed) until {@link #flushTo} appends them to the file as the
 * column's chunk. Used by one thread at a time.
 */
final class ColumnChunkWriter {

    /** Rows encoded between two of parquet-java's page-size checks. */
    private static final int SLICE = 4096;

    private final MessageType schema;
    private final ColumnEncoder encoder;
    private final BytesInputCompressor compressor;
    private final ParquetProperties properties;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter writer;

    ColumnChunkWriter(PrimitiveType type, ColumnEncoder encoder, BytesInputCompressor compressor,
            ParquetProperties properties) {
        this.schema = new MessageType("schema", type);
        this.encoder = encoder;
        this.compressor = compressor;
        this.properties = properties;
    }

    /** Encodes rows {@code [from, to)} of {@code vector} into the current row group's pages. */
    void write(FieldVector vector, int from, int to) {
        if (store == null) {
            pages = new ColumnChunkPageWriteStore(compressor, schema, new HeapByteBufferAllocator(),
                    properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
            store = properties.newColumnWriteStore(schema, pages, pages);
            writer = store.getColumnWriter(schema.getColumns().get(0));
        }
        for (int start = from; start < to; start += SLICE) {
            int end = Math.min(to, start + SLICE);
            encoder.write(vector, start, end, writer);
            for (int row = start; row < end; row++) {
                store.endRecord();
            }
        }
    }

    /** The bytes this column holds for the current row group, compressed pages and the open page. */
    long bufferedBytes() {
        return store == null ? 0 : store.getBufferedSize();
    }

    /** Appends the column's chunk of the current row group to {@code file}, inside its open block. */
    void flushTo(ParquetFileWriter file) throws IOException {
        store.flush();
        pages.flushToFileWriter(file);
        store.close();
        pages.close();
        store = null;
        pages = null;
        writer = null;
    }

    void release() {
        compressor.release();
    }
}
