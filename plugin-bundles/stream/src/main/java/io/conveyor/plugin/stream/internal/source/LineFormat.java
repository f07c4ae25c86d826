package io.conveyor.plugin.stream.internal.source;

import java.util.List;

import org.apache.arrow.vector.types.pojo.Schema;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.ColumnType;

/**
 * Turns the lines of a stream into records of a {@link RecordTable}, one line at a time, so rows
 * can be passed on as soon as their line has arrived. Not thread-safe.
 */
abstract class LineFormat {

    /** Parses one line, without its line break; {@code number} counts lines from 1, for messages. */
    abstract void line(String line, long number, RecordTable table) throws StageException;

    /** A new file begins (file.watch, after a rotation or truncation): a CSV header comes first again. */
    void startFile() {
    }

    /** Whether lines were taken that belong to a record not complete yet (a CSV quoted field spanning lines). */
    boolean holdsPartialRecord() {
        return false;
    }

    /** The input has ended: a CSV record still open is an error. */
    void end() throws StageException {
    }

    /** The schema every batch has, when the format fixes it ({@code text}); else {@code null}. */
    Schema fixedSchema() {
        return null;
    }

    /**
     * @param source how messages name the input: {@code <stdin>} or the watched path
     */
    static LineFormat of(String format, boolean headers, char delimiter, String source, JsonFactory json) {
        return switch (format) {
            case "json" -> new JsonLines(json, source, true);
            case "csv" -> new CsvLines(headers, delimiter, source);
            case "text" -> new TextLines();
            default -> new JsonLines(json, source, false);
        };
    }

    /** Each line is one utf8 row, {@code line}; empty lines are empty strings. */
    static final class TextLines extends LineFormat {
        private static final Schema SCHEMA = new Schema(List.of(ColumnType.UTF8.field("line")));

        @Override
        void line(String line, long number, RecordTable table) {
            int column = table.column("line");
            table.startRow();
            table.set(column, line);
            table.endRow();
        }

        @Override
        Schema fixedSchema() {
            return SCHEMA;
        }
    }
}
