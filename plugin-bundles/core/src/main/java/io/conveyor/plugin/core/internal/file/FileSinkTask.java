package io.conveyor.plugin.core.internal.file;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;

/**
 * One run of a file sink. Every input is accepted at all times, so inputs fed by one upstream
 * stage never wait on each other (holding one back would stall that stage and, through it, the
 * input being read). The first input, in pipeline order, is written straight to the output's
 * temporary file; every other input to a hidden part file of its own in the same folder, already
 * encoded. On commit the parts are appended in input order, so the file holds the inputs one after
 * the other, whatever the order batches arrived in; then it is renamed onto the target. Abort
 * deletes the temporary file and every part.
 */
public final class FileSinkTask implements SinkTask {

    /** One input other than the first: its part file and the format writing it. */
    private static final class Part {
        final PartFile file;
        final PartedFormat format;
        private boolean finished;

        Part(PartFile file, PartedFormat format) {
            this.file = file;
            this.format = format;
        }

        /** Finishes the format and closes the file, once; returns the file. */
        Path finish() throws IOException {
            if (!finished) {
                finished = true;
                format.finish();
            }
            return file.finish();
        }
    }

    private final AtomicFileOutput file;
    private final PartedFormat format;
    private final List<String> inputs;
    private final SameColumns sameColumns;
    private final Map<String, Part> parts = new HashMap<>();

    /**
     * @param format      makes the format over the temporary file's writer
     * @param inputs      the sink's inputs, in pipeline order
     * @param sameColumns checks that every input has the output's columns, or {@code null} when
     *                    inputs may have different columns
     */
    public FileSinkTask(AtomicFileOutput file, Function<Writer, PartedFormat> format, List<String> inputs,
            SameColumns sameColumns) {
        this.file = file;
        this.format = format.apply(file.writer());
        this.inputs = List.copyOf(inputs);
        this.sameColumns = sameColumns;
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        if (sameColumns != null) {
            sameColumns.check(input, batch);
        }
        try {
            formatOf(input).write(input, batch, batch.getRowCount());
        } catch (IOException e) {
            throw file.writeFailed(e);
        }
    }

    private PartedFormat formatOf(String input) throws IOException {
        if (input.equals(inputs.isEmpty() ? null : inputs.get(0))) {
            return format;
        }
        Part part = parts.get(input);
        if (part == null) {
            PartFile partFile = file.newPart();
            part = new Part(partFile, format.part(partFile.writer()));
            parts.put(input, part);
        }
        return part.format;
    }

    @Override
    public void endOfInput(String input) throws StageException {
        if (sameColumns != null) {
            sameColumns.end(input);
        }
        Part part = parts.get(input);
        if (part != null) {
            try {
                part.finish();
            } catch (IOException e) {
                throw file.writeFailed(e);
            }
        }
    }

    @Override
    public void commit() throws StageException {
        try {
            for (String input : inputs) {
                Part part = parts.get(input);
                if (part != null) {
                    Path text = part.finish();
                    format.beforePart(part.format);
                    file.append(text);
                }
            }
            format.finish();
        } catch (IOException e) {
            abort();
            throw file.writeFailed(e);
        }
        try {
            file.commit();
        } finally {
            deleteParts();
        }
    }

    @Override
    public void abort() {
        deleteParts();
        file.abort();
    }

    @Override
    public void close() {
        deleteParts();
        file.close();
    }

    private void deleteParts() {
        parts.values().forEach(part -> part.file.delete());
        parts.clear();
    }
}
