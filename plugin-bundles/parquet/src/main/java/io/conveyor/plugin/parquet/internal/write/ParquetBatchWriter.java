package io.conveyor.plugin.parquet.internal.write;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import io.conveyor.plugin.parquet.internal.codec.Codecs;

/**
 * Writes Arrow batches of one schema to a Parquet file, column by column, through parquet-java's
 * column writers (dictionary and plain encodings, data pages v1, statistics, page checksums).
 *
 * <p>Rows are cut into row groups of at most {@code rowGroupRows} rows, or fewer when the group's
 * buffered pages reach {@link #ROW_GROUP_BYTES}: a row group is held in memory, compressed, until
 * it is complete, so memory is bounded by one group whatever the file's size. Within a group,
 * each column receives {@link #SLICE} rows at a time, and the rows are then ended together, so
 * parquet-java's page-size checks still run every few thousand rows.
 */
public final class ParquetBatchWriter {

    /** The most compressed bytes a row group holds before it is written out, whatever its rows. */
    static final long ROW_GROUP_BYTES = 128L << 20;
    private static final int SLICE = 4096;

    private final Schema schema;
    private final MessageType messageType;
    private final List<ColumnEncoder> encoders;
    private final List<ColumnDescriptor> descriptors;
    private final ParquetFileWriter file;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final long rowGroupRows;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private long groupRows;

    private ParquetBatchWriter(Schema schema, MessageType messageType, OutputFile output, CompressionCodecName codec,
            long rowGroupRows) throws IOException {
        this.schema = schema;
        this.messageType = messageType;
        this.encoders = schema.getFields().stream().map(f -> WritableColumns.of(f).encoder()).toList();
        this.descriptors = messageType.getColumns();
        this.properties = ParquetProperties.builder().build();
        this.compressor = new Codecs().getCompressor(codec);
        this.rowGroupRows = rowGroupRows;
        this.file = new ParquetFileWriter(output, messageType, ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0,
                properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
                properties.getPageWriteChecksumEnabled());
        file.start();
    }

    /**
     * Starts a file of {@code schema}'s columns.
     *
     * @throws IllegalArgumentException when a column's type cannot be written ({@link WritableColumns#unwritable})
     */
    public static ParquetBatchWriter start(Schema schema, OutputFile output, CompressionCodecName codec,
            long rowGroupRows) throws IOException {
        MessageType messageType = WritableColumns.messageType(schema);
        if (messageType == null) {
            throw new IllegalArgumentException(String.join("; ", WritableColumns.unwritable(schema)));
        }
        return new ParquetBatchWriter(schema, messageType, output, codec, rowGroupRows);
    }

    /** The columns this file has, as the batches must bring them. */
    public Schema schema() {
        return schema;
    }

    /** Problems naming each column of {@code schema} that cannot be written; empty when all can. */
    public static List<String> unwritable(Schema schema) {
        return WritableColumns.unwritable(schema);
    }

    /** Appends the rows of {@code batch}, whose columns must be those of {@link #schema()}. */
    public void write(VectorSchemaRoot batch) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        int rows = batch.getRowCount();
        int from = 0;
        while (from < rows) {
            if (store == null) {
                startRowGroup();
            }
            int to = (int) Math.min(rows, Math.min(from + SLICE, from + rowGroupRows - groupRows));
            for (int c = 0; c < writers.length; c++) {
                encoders.get(c).write(vectors.get(c), from, to, writers[c]);
            }
            for (int row = from; row < to; row++) {
                store.endRecord();
            }
            groupRows += to - from;
            from = to;
            if (groupRows >= rowGroupRows || store.getBufferedSize() >= ROW_GROUP_BYTES) {
                endRowGroup();
            }
        }
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, messageType, new HeapByteBufferAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        store = properties.newColumnWriteStore(messageType, pages, pages);
        writers = new ColumnWriter[descriptors.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = store.getColumnWriter(descriptors.get(c));
        }
        groupRows = 0;
    }

    private void endRowGroup() throws IOException {
        file.startBlock(groupRows);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        store.close();
        pages.close();
        store = null;
        pages = null;
        writers = null;
    }

    /** Writes the last row group and the footer, and flushes the output; the file is then complete. */
    public void finish() throws IOException {
        if (store != null && groupRows > 0) {
            endRowGroup();
        }
        file.end(Map.of());
        compressor.release();
    }
}
