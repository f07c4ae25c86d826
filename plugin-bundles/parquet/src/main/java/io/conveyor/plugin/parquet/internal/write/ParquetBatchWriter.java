package io.conveyor.plugin.parquet.internal.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import io.conveyor.plugin.parquet.internal.codec.Codecs;

/**
 * Writes Arrow batches of one schema to a Parquet file through parquet-java's column writers
 * (dictionary and plain encodings, data pages v1, min/max statistics, page checksums).
 *
 * <p>Rows are cut into row groups of at most {@code rowGroupRows} rows, or fewer when the group's
 * buffered pages reach {@link #ROW_GROUP_BYTES}: a row group is held in memory, compressed, until
 * it is complete, so memory is bounded by one group whatever the file's size. The columns of each
 * batch are encoded independently, on the given executor's threads when there is one; the
 * column chunks are then appended to the file in schema order on the calling thread.
 */
public final class ParquetBatchWriter {

    /** The most compressed bytes a row group holds before it is written out, whatever its rows. */
    static final long ROW_GROUP_BYTES = 128L << 20;

    private final Schema schema;
    private final List<ColumnChunkWriter> columns = new ArrayList<>();
    private final ParquetFileWriter file;
    private final long rowGroupRows;
    private final ExecutorService executor;
    private long groupRows;

    private ParquetBatchWriter(Schema schema, MessageType messageType, OutputFile output, CompressionCodecName codec,
            long rowGroupRows, ExecutorService executor) throws IOException {
        this.schema = schema;
        this.rowGroupRows = rowGroupRows;
        this.executor = executor;
        // size statistics (Parquet 2.10's level histograms and byte counts) are left out: optional,
        // and a sixth of the encoding time
        ParquetProperties properties = ParquetProperties.builder().withSizeStatisticsEnabled(false).build();
        Codecs codecs = new Codecs();
        List<Field> fields = schema.getFields();
        for (int c = 0; c < fields.size(); c++) {
            WritableColumns.Column column = WritableColumns.of(fields.get(c));
            columns.add(new ColumnChunkWriter(messageType.getType(c).asPrimitiveType(), column.encoder(),
                    codecs.getCompressor(codec), properties));
        }
        this.file = new ParquetFileWriter(output, messageType, ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0,
                properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
                properties.getPageWriteChecksumEnabled());
        file.start();
    }

    /**
     * Starts a file of {@code schema}'s columns.
     *
     * @param executor where columns are encoded in parallel, or {@code null} to encode them on the
     *                 calling thread
     * @throws IllegalArgumentException when a column's type cannot be written ({@link WritableColumns#unwritable})
     */
    public static ParquetBatchWriter start(Schema schema, OutputFile output, CompressionCodecName codec,
            long rowGroupRows, ExecutorService executor) throws IOException {
        MessageType messageType = WritableColumns.messageType(schema);
        if (messageType == null) {
            throw new IllegalArgumentException(String.join("; ", WritableColumns.unwritable(schema)));
        }
        return new ParquetBatchWriter(schema, messageType, output, codec, rowGroupRows, executor);
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
            int to = (int) Math.min(rows, from + rowGroupRows - groupRows);
            encode(vectors, from, to);
            groupRows += to - from;
            from = to;
            if (groupRows >= rowGroupRows || bufferedBytes() >= ROW_GROUP_BYTES) {
                endRowGroup();
            }
        }
    }

    private void encode(List<FieldVector> vectors, int from, int to) throws IOException {
        if (executor == null || columns.size() == 1) {
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).write(vectors.get(c), from, to);
            }
            return;
        }
        List<Future<?>> done = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            ColumnChunkWriter column = columns.get(c);
            FieldVector vector = vectors.get(c);
            done.add(executor.submit(() -> column.write(vector, from, to)));
        }
        awaitAll(done);
    }

    /** Waits for every task, so that none still reads the batch when the caller returns it. */
    private static void awaitAll(List<Future<?>> tasks) throws IOException {
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<?> task : tasks) {
            while (true) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private long bufferedBytes() {
        long bytes = 0;
        for (ColumnChunkWriter column : columns) {
            bytes += column.bufferedBytes();
        }
        return bytes;
    }

    private void endRowGroup() throws IOException {
        file.startBlock(groupRows);
        for (ColumnChunkWriter column : columns) {
            column.flushTo(file);
        }
        file.endBlock();
        groupRows = 0;
    }

    /** Writes the last row group and the footer, and flushes the output; the file is then complete. */
    public void finish() throws IOException {
        if (groupRows > 0) {
            endRowGroup();
        }
        file.end(Map.of());
        columns.forEach(ColumnChunkWriter::release);
    }
}
