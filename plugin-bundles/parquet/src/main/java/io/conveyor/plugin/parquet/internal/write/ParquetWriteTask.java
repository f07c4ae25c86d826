package io.conveyor.plugin.parquet.internal.write;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.kit.file.AtomicFile;
import io.conveyor.plugin.parquet.internal.file.ChannelOutputFile;

/**
 * One run of {@code parquet.write}: the first batch fixes the file's columns, every batch is
 * written as it comes (row group by row group), and commit writes the footer and renames the
 * temporary file onto the target. Input that never brings even a schema (no batch at all) fails
 * the run: a Parquet file cannot have no columns.
 */
final class ParquetWriteTask implements SinkTask {

    private final AtomicFile file;
    private final String shown;
    private final CompressionCodecName codec;
    private final long rowGroupRows;
    private final ExecutorService encoders;
    private ParquetBatchWriter writer;

    /**
     * @param threads how many threads encode the columns of a batch side by side; 1 encodes them
     *                on the calling thread
     */
    ParquetWriteTask(AtomicFile file, String shown, CompressionCodecName codec, long rowGroupRows, int threads,
            String stageId) {
        this.file = file;
        this.shown = shown;
        this.codec = codec;
        this.rowGroupRows = rowGroupRows;
        this.encoders = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads(stageId)) : null;
    }

    private static ThreadFactory daemonThreads(String stageId) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "parquet.write-" + stageId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        try {
            if (writer == null) {
                start(input, batch.getSchema());
            } else if (!writer.schema().equals(batch.getSchema())) {
                throw StageException.data("input '" + input + "' changed its columns from " + columns(writer.schema())
                        + " to " + columns(batch.getSchema()) + "; a Parquet file has one schema");
            }
            writer.write(batch);
        } catch (IOException e) {
            throw file.writeFailed(e);
        }
    }

    private void start(String input, Schema schema) throws StageException, IOException {
        List<String> problems = ParquetBatchWriter.unwritable(schema);
        if (!problems.isEmpty()) {
            throw StageException.data("input '" + input + "' " + String.join("; ", problems));
        }
        writer = ParquetBatchWriter.start(schema, new ChannelOutputFile(file.channel(), shown), codec, rowGroupRows,
                encoders);
    }

    private static String columns(Schema schema) {
        StringBuilder text = new StringBuilder("(");
        schema.getFields().forEach(f -> text.append(text.length() > 1 ? ", " : "").append(f.getName()).append(':')
                .append(TypeNames.of(f)));
        return text.append(')').toString();
    }

    @Override
    public void commit() throws StageException {
        try {
            if (writer == null) {
                file.abort();
                throw StageException.data("the input brought no batch, not even an empty one with its columns, "
                        + "and a Parquet file needs at least one column: nothing was written");
            }
            writer.finish();
        } catch (IOException e) {
            file.abort();
            throw file.writeFailed(e);
        }
        file.commit();
    }

    @Override
    public void abort() {
        file.abort();
    }

    @Override
    public void close() {
        if (encoders != null) {
            encoders.shutdownNow();
        }
        file.close();
    }
}
