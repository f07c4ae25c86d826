package io.conveyor.plugin.stream.internal.window;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class WindowApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "window");
    private final MutableClock clock = new MutableClock();
    private final WindowApply window = new WindowApply(clock);

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Map<String, ?> values) {
        return TestConfig.of(window.descriptor(), values);
    }

    /**
     * Drives a task batch by batch, as the engine does: after each batch, and after finish, the
     * rows emitted, prefixed with the step ("1:" for the first batch, "end:" for finish).
     */
    private List<String> steps(Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        List<String> lines = new ArrayList<>();
        try (TransformTask task = window.open(config(values), context, List.of("in"));
                CollectingEmitter out = new CollectingEmitter()) {
            int seen = 0;
            for (int i = 0; i < batches.length; i++) {
                task.process("in", batches[i], out);
                seen = record(out, seen, String.valueOf(i + 1), lines);
            }
            task.finish(out);
            record(out, seen, "end", lines);
        } finally {
            for (VectorSchemaRoot batch : batches) {
                batch.close();
            }
        }
        return lines;
    }

    private static int record(CollectingEmitter out, int seen, String step, List<String> lines) {
        List<VectorSchemaRoot> batches = out.batches();
        for (int b = seen; b < batches.size(); b++) {
            BatchText.rows(batches.get(b)).forEach(row -> lines.add(step + ": " + row));
        }
        return batches.size();
    }

    private VectorSchemaRoot ids(int... values) {
        Object[][] rows = new Object[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = row(values[i]);
        }
        return Batches.of(root, "id:int64", rows);
    }

    @Test
    void tumblingRowWindowsAreEmittedWhenFullAndTheRestAtTheEnd() throws StageException {
        assertEquals(List.of(
                "1: 1|0|0|2", "1: 2|0|0|2",
                "2: 3|1|2|4", "2: 4|1|2|4",
                "end: 5|2|4|6"),
                steps(Map.of("size", 2), ids(1, 2, 3), ids(4, 5)));
    }

    @Test
    void theOutputHasTheInputColumnsThenTheWindowColumns() throws StageException {
        try (TransformTask task = window.open(config(Map.of("size", 1)), context, List.of("in"));
                VectorSchemaRoot batch = ids(7);
                CollectingEmitter out = new CollectingEmitter()) {
            task.process("in", batch, out);
            assertEquals("id:int64, window_id:int64, window_start:int64, window_end:int64",
                    BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void slidingRowWindowsRepeatRowsInEveryWindowTheyFallIn() throws StageException {
        assertEquals(List.of(
                "1: 1|0|0|3", "1: 2|0|0|3", "1: 3|0|0|3",
                "2: 3|1|2|5", "2: 4|1|2|5", "2: 5|1|2|5",
                "end: 5|2|4|7"),
                steps(Map.of("type", "sliding", "size", 3, "slide", 2), ids(1, 2, 3, 4), ids(5)));
    }

    @Test
    void aSlideLargerThanTheSizeDropsTheRowsBetweenWindows() throws StageException {
        assertEquals(List.of("1: 1|0|0|1", "1: 4|1|3|4"),
                steps(Map.of("type", "sliding", "size", 1, "slide", 3), ids(1, 2, 3, 4, 5)));
    }

    @Test
    void tumblingTimeWindowsCloseWhenALaterTimeArrives() throws StageException {
        String schema = "ts:int64, v:utf8";
        assertEquals(List.of(
                "2: 100|\"a\"|0|60|120", "2: 115|\"b\"|0|60|120", "2: 61|\"c\"|0|60|120",
                "2: 121|\"d\"|1|120|180", "2: 179|\"e\"|1|120|180",
                "end: 400|\"f\"|2|360|420"),
                steps(Map.of("size", 60, "time_column", "ts"),
                        Batches.of(root, schema, row(100, "a"), row(115, "b")),
                        Batches.of(root, schema, row(61, "c"), row(121, "d"), row(179, "e"), row(400, "f"))));
    }

    @Test
    void aRowWhoseWindowHasClosedIsAnError() {
        String schema = "ts:int64";
        StageException e = assertThrows(StageException.class, () -> steps(Map.of("size", 60, "time_column", "ts"),
                Batches.of(root, schema, row(100), row(130)), Batches.of(root, schema, row(119))));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("column 'ts' holds 119 in row 3, but its window [60, 120) has already closed: a later time came "
                + "first. window.apply needs times in order, except within windows still open", e.getMessage());
    }

    @Test
    void slidingTimeWindowsOnIsoTextHaveIsoBounds() throws StageException {
        String schema = "at:utf8";
        assertEquals(List.of(
                "1: \"2024-05-01T10:00:10Z\"|0|\"2024-05-01T09:59:30Z\"|\"2024-05-01T10:00:30Z\"",
                "1: \"2024-05-01T10:00:10Z\"|1|\"2024-05-01T10:00:00Z\"|\"2024-05-01T10:01:00Z\"",
                "1: \"2024-05-01 10:00:50\"|1|\"2024-05-01T10:00:00Z\"|\"2024-05-01T10:01:00Z\"",
                "1: \"2024-05-01T12:00:50+02:00\"|1|\"2024-05-01T10:00:00Z\"|\"2024-05-01T10:01:00Z\"",
                "end: \"2024-05-01 10:00:50\"|2|\"2024-05-01T10:00:30Z\"|\"2024-05-01T10:01:30Z\"",
                "end: \"2024-05-01T12:00:50+02:00\"|2|\"2024-05-01T10:00:30Z\"|\"2024-05-01T10:01:30Z\"",
                "end: \"2024-05-01T10:01:20Z\"|2|\"2024-05-01T10:00:30Z\"|\"2024-05-01T10:01:30Z\"",
                "end: \"2024-05-01T10:01:20Z\"|3|\"2024-05-01T10:01:00Z\"|\"2024-05-01T10:02:00Z\""),
                steps(Map.of("type", "sliding", "size", 60, "slide", 30, "time_column", "at"),
                        Batches.of(root, schema, row("2024-05-01T10:00:10Z"), row("2024-05-01 10:00:50"),
                                row("2024-05-01T12:00:50+02:00"), row("2024-05-01T10:01:20Z"))));
    }

    @Test
    void sessionsOnATimeColumnEndAtTheirLastTimePlusTheGap() throws StageException {
        String schema = "t:float64";
        assertEquals(List.of(
                "1: 1.0|0|1.0|13.5", "1: 3.5|0|1.0|13.5", "1: 2.5|0|1.0|13.5",
                "end: 20.0|1|20.0|30.0"),
                steps(Map.of("type", "session", "gap", 10, "time_column", "t"),
                        Batches.of(root, schema, row(1.0), row(3.5), row(2.5), row(20.0))));
    }

    @Test
    void sessionsWithoutATimeColumnUseTheArrivalOfBatches() throws StageException {
        List<String> lines = new ArrayList<>();
        try (TransformTask task = window.open(config(Map.of("type", "session", "gap", 30)), context,
                List.of("in"));
                CollectingEmitter out = new CollectingEmitter();
                VectorSchemaRoot first = ids(1, 2);
                VectorSchemaRoot second = ids(3);
                VectorSchemaRoot third = ids(4)) {
            clock.set("2024-05-01T10:00:00Z");
            task.process("in", first, out);
            clock.set("2024-05-01T10:00:20Z");
            task.process("in", second, out);
            int seen = record(out, 0, "2", lines);
            clock.set("2024-05-01T10:01:00Z");
            task.process("in", third, out);
            seen = record(out, seen, "3", lines);
            task.finish(out);
            record(out, seen, "end", lines);
        }
        assertEquals(List.of(
                "3: 1|0|\"2024-05-01T10:00:00Z\"|\"2024-05-01T10:00:50Z\"",
                "3: 2|0|\"2024-05-01T10:00:00Z\"|\"2024-05-01T10:00:50Z\"",
                "3: 3|0|\"2024-05-01T10:00:00Z\"|\"2024-05-01T10:00:50Z\"",
                "end: 4|1|\"2024-05-01T10:01:00Z\"|\"2024-05-01T10:01:30Z\""), lines);
    }

    @Test
    void timestampColumnsKeepTheirTypeInTheBounds() throws StageException {
        Field ts = new Field("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")), null);
        VectorSchemaRoot batch = VectorSchemaRoot.create(new Schema(List.of(ts)), root);
        TimeStampMilliTZVector times = (TimeStampMilliTZVector) batch.getVector(0);
        times.allocateNew();
        times.set(0, Instant.parse("2024-05-01T10:00:05Z").toEpochMilli());
        times.set(1, Instant.parse("2024-05-01T10:00:12Z").toEpochMilli());
        batch.setRowCount(2);
        List<String> lines = steps(Map.of("size", 10, "time_column", "ts"), batch);
        long w0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
        assertEquals(List.of("1: " + (w0 + 5000) + "|0|" + w0 + "|" + (w0 + 10_000),
                "end: " + (w0 + 12_000) + "|1|" + (w0 + 10_000) + "|" + (w0 + 20_000)), lines);
    }

    @Test
    void aTimeColumnThatChangesKindMidStreamIsAnError() {
        StageException e = assertThrows(StageException.class, () -> steps(Map.of("size", 60, "time_column", "ts"),
                Batches.of(root, "ts:int64", row(1)), Batches.of(root, "ts:utf8", row("2024-05-01T10:00:00Z"))));
        assertEquals("column 'ts' of input 'in' changed type mid-stream, to utf8; window.apply keeps one time axis",
                e.getMessage());
    }

    @Test
    void aNullTimeIsAnError() {
        StageException e = assertThrows(StageException.class, () -> steps(Map.of("size", 60, "time_column", "ts"),
                Batches.of(root, "ts:int64", row(1), row((Object) null))));
        assertEquals("column 'ts' is null in row 2; time windows need a time in every row", e.getMessage());
    }

    @Test
    void rowsHeldAcrossBatchesFollowTheStreamsGrowingSchema() throws StageException {
        assertEquals(List.of("end: 1.0|null|0|0|3", "end: 2.5|\"x\"|0|0|3"),
                steps(Map.of("size", 3), Batches.of(root, "v:int64", row(1)),
                        Batches.of(root, "v:float64, tag:utf8", row(2.5, "x"))));
    }

    @Test
    void anEmptyInputGivesTheColumnsWithoutRows() throws StageException {
        try (TransformTask task = window.open(config(Map.of("size", 5)), context, List.of("in"));
                VectorSchemaRoot empty = ids();
                CollectingEmitter out = new CollectingEmitter()) {
            task.process("in", empty, out);
            task.finish(out);
            assertEquals(1, out.batches().size());
            assertEquals("id:int64, window_id:int64, window_start:int64, window_end:int64",
                    BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void outputSchemaAddsTheWindowColumnsTypedByTheTimeColumn() {
        TestSchemaContext schemas = TestSchemaContext.of("in", Batches.schema("ts:int64, at:utf8, f:float64"));
        assertEquals("Schema<ts: Int(64, true), at: Utf8, f: FloatingPoint(DOUBLE), window_id: Int(64, true), "
                + "window_start: Int(64, true), window_end: Int(64, true)>",
                window.outputSchema(config(Map.of("size", 60, "time_column", "ts")), schemas).orElseThrow().toString());
        assertEquals("Schema<ts: Int(64, true), at: Utf8, f: FloatingPoint(DOUBLE), window_id: Int(64, true), "
                + "window_start: FloatingPoint(DOUBLE), window_end: FloatingPoint(DOUBLE)>",
                window.outputSchema(config(Map.of("size", 0.5, "time_column", "ts")), schemas).orElseThrow()
                        .toString());
        assertEquals("Schema<ts: Int(64, true), at: Utf8, f: FloatingPoint(DOUBLE), window_id: Int(64, true), "
                + "window_start: Utf8, window_end: Utf8>",
                window.outputSchema(config(Map.of("type", "session", "gap", 5)), schemas).orElseThrow().toString());
        assertEquals(List.of(), schemas.problems());
    }

    @Test
    void aMissingOrUnusableTimeColumnAndWindowColumnsInTheInputAreReportedAtValidation() {
        TestSchemaContext schemas = TestSchemaContext.of("in", Batches.schema("ts:int64, ok:bool"));
        assertEquals(Optional.empty(), window.outputSchema(config(Map.of("size", 60, "time_column", "time")),
                schemas));
        window.outputSchema(config(Map.of("size", 60, "time_column", "ok")), schemas);
        TestSchemaContext windowed = TestSchemaContext.of("w", Batches.schema("window_id:int64"));
        window.outputSchema(config(Map.of("size", 60)), windowed);
        assertEquals(List.of(
                new ConfigProblem("time_column", "config key 'time_column' names column 'time', which input 'in' does "
                        + "not have (columns: ts, ok)"),
                new ConfigProblem("time_column", "config key 'time_column' names column 'ok' of type bool, but time "
                        + "windows need a number, a timestamp or ISO-8601 text")), schemas.problems());
        assertEquals(List.of("input 'w' already has a column 'window_id', and window.apply adds window_id, "
                + "window_start and window_end"), windowed.messages());
    }

    @Test
    void configProblems() {
        assertEquals(List.of(new ConfigProblem("size", "config key 'size' is required for a tumbling window")),
                window.validate(config(Map.of())));
        assertEquals(List.of(new ConfigProblem("slide", "config key 'slide' is required for a sliding window")),
                window.validate(config(Map.of("type", "sliding", "size", 10))));
        assertEquals(List.of(new ConfigProblem("gap", "config key 'gap' is required for a session window")),
                window.validate(config(Map.of("type", "session"))));
        assertEquals(List.of(new ConfigProblem("size", "config key 'size' counts rows when time_column is not set, "
                + "so it must be a whole number, got 2.5")), window.validate(config(Map.of("size", 2.5))));
        assertEquals(List.of(new ConfigProblem("size", "config key 'size' must be more than 0, got 0.0"),
                new ConfigProblem("slide", "config key 'slide' must be more than 0, got -1.0")),
                window.validate(config(Map.of("type", "sliding", "size", 0, "slide", -1))));
        assertEquals(List.of(), window.validate(config(Map.of("size", 2.5, "time_column", "ts"))));
        StageException e = assertThrows(StageException.class, () -> window.open(config(Map.of()), context,
                List.of("in")));
        assertEquals("size", e.key());
    }

    /** A clock the test sets. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.EPOCH;

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
