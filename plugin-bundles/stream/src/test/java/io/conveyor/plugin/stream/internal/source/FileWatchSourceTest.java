package io.conveyor.plugin.stream.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

/** file.watch driven call by call on a real file; the pause between polls only records that it was asked for. */
class FileWatchSourceTest {

    @TempDir
    Path folder;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "watch");
    private final FileWatchSource source = new FileWatchSource();
    private final List<Long> pauses = new ArrayList<>();
    private final CollectingEmitter out = new CollectingEmitter();
    private SourceTask task;
    private int seen;

    @AfterEach
    void noLeaks() throws StageException {
        if (task != null) {
            task.close();
        }
        out.close();
        context.close();
        root.close();
    }

    private TestConfig config(Map<String, ?> values) {
        return TestConfig.of(source.descriptor(), values, folder);
    }

    private void open(Map<String, ?> values) throws StageException {
        Map<String, Object> all = new HashMap<>(values);
        all.putIfAbsent("path", "app.log");
        all.putIfAbsent("format", "text");
        task = source.open(config(all), context, pauses::add);
    }

    /** One call of the task: the rows it emitted. */
    private List<String> poll() throws StageException {
        assertTrue(task.produce(out), "file.watch never ends by itself");
        List<VectorSchemaRoot> batches = out.batches();
        List<String> rows = BatchText.rows(batches.subList(seen, batches.size()));
        seen = batches.size();
        return rows;
    }

    private void write(String text) throws IOException {
        Files.writeString(folder.resolve("app.log"), text, StandardCharsets.UTF_8);
    }

    private void append(String text) throws IOException {
        Files.writeString(folder.resolve("app.log"), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void readsWhatIsThereThenOnlyWhatIsAppended() throws Exception {
        write("a\nb\n");
        open(Map.of());
        assertEquals(List.of("\"a\"", "\"b\""), poll());
        assertEquals(List.of(), poll());
        append("c\n");
        assertEquals(List.of("\"c\""), poll());
        assertEquals(List.of(), poll());
        assertEquals(List.of(1000L, 1000L, 1000L, 1000L), pauses);
    }

    @Test
    void anUnfinishedLineWaitsForItsLineBreak() throws Exception {
        write("a\nb");
        open(Map.of());
        assertEquals(List.of("\"a\""), poll());
        append("c");
        assertEquals(List.of(), poll());
        append("\r\nd\n");
        assertEquals(List.of("\"bc\"", "\"d\""), poll());
    }

    @Test
    void withoutFromBeginningOnlyLinesCompletedAfterTheStartAreRead() throws Exception {
        write("old 1\nold 2\npart");
        open(Map.of("from_beginning", false));
        assertEquals(List.of(), poll());
        append("ial\nnew\n");
        assertEquals(List.of("\"partial\"", "\"new\""), poll());
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws Exception {
        write("a\nb\nunfinished");
        open(Map.of());
        assertEquals(List.of("\"a\"", "\"b\""), poll());
        write("c\n");
        assertEquals(List.of("\"c\""), poll());
        append("d\n");
        assertEquals(List.of("\"d\""), poll());
    }

    @Test
    void aReplacedFileIsReadToItsEndThenTheNewOneFromItsStart() throws Exception {
        write("a\n");
        open(Map.of());
        assertEquals(List.of("\"a\""), poll());
        append("b\nunfinished");
        Files.move(folder.resolve("app.log"), folder.resolve("app.log.1"));
        write("x\n");
        assertEquals(List.of("\"b\"", "\"unfinished\"", "\"x\""), poll());
        append("y\n");
        assertEquals(List.of("\"y\""), poll());
    }

    @Test
    void aMissingFileIsWaitedFor() throws Exception {
        open(Map.of());
        assertEquals(List.of(), poll());
        assertEquals(List.of(), poll());
        write("first\n");
        assertEquals(List.of("\"first\""), poll());
        assertEquals(List.of(1000L, 1000L, 1000L), pauses);
    }

    @Test
    void aDeletedFileIsWaitedForAgain() throws Exception {
        write("a\n");
        open(Map.of());
        assertEquals(List.of("\"a\""), poll());
        Files.delete(folder.resolve("app.log"));
        assertEquals(List.of(), poll());
        write("b\n");
        assertEquals(List.of("\"b\""), poll());
    }

    @Test
    void aBigBacklogIsReadABatchAtATimeWithoutPausing() throws Exception {
        context.withBatchSize(2);
        write("a\nb\nc\n");
        open(Map.of("poll_interval", 0.25));
        assertEquals(List.of("\"a\"", "\"b\""), poll());
        assertEquals(List.of(), pauses);
        assertEquals(List.of("\"c\""), poll());
        assertEquals(List.of(250L), pauses);
    }

    @Test
    void csvHeadersAreReadEvenWhenStartingAtTheEnd() throws Exception {
        write("id,name\n1,a\n");
        open(Map.of("format", "csv", "headers", true, "from_beginning", false));
        assertEquals(List.of(), poll());
        append("2,b\n");
        assertEquals(List.of("2|\"b\""), poll());
        assertEquals("id:int64, name:utf8", BatchText.schema(out.batches().get(0)));
    }

    @Test
    void aNewFileAfterARotationBringsItsOwnCsvHeader() throws Exception {
        write("id,name\n1,a\n");
        open(Map.of("format", "csv", "headers", true, "poll_interval_ms", 10));
        assertEquals(List.of("1|\"a\""), poll());
        Files.move(folder.resolve("app.log"), folder.resolve("app.log.1"));
        write("name,id\nb,2\n");
        assertEquals(List.of("2|\"b\""), poll());
        assertEquals(List.of(10L, 10L), pauses);
    }

    /** Closes the task and opens one that continues from its position, as after a plugin upgrade. */
    private void replaceTask(Map<String, ?> values) throws StageException {
        String position = task.position().orElseThrow();
        task.close();
        task = null;
        context.resumingFrom(position);
        open(values);
    }

    @Test
    void aTaskOpenedFromThePositionOfAnotherContinuesAfterItsLastLine() throws Exception {
        write("a\nb\n");
        open(Map.of());
        assertEquals(List.of("\"a\"", "\"b\""), poll());
        append("c\nd");
        assertTrue(task.position().orElseThrow().endsWith(";offset=4;line=2"), task.position().orElseThrow());

        replaceTask(Map.of());
        assertEquals(List.of("\"c\""), poll());
        append("\n");
        assertEquals(List.of("\"d\""), poll());
    }

    @Test
    void aResumedCsvTaskKeepsTheHeaderAndTheLineNumbers() throws Exception {
        write("id,name\n1,a\n");
        open(Map.of("format", "csv", "headers", true));
        assertEquals(List.of("1|\"a\""), poll());
        append("2,b\n3\n");

        replaceTask(Map.of("format", "csv", "headers", true));
        assertEquals(List.of("2|\"b\"", "3|null"), poll());
        assertEquals("id:int64, name:utf8", BatchText.schema(out.batches().get(1)));
        assertTrue(task.position().orElseThrow().endsWith(";offset=18;line=4"), task.position().orElseThrow());
    }

    @Test
    void aFileReplacedWhileTheTaskWasReplacedIsReadFromItsStart() throws Exception {
        write("a\n");
        open(Map.of());
        assertEquals(List.of("\"a\""), poll());
        String position = task.position().orElseThrow();
        Files.delete(folder.resolve("app.log"));
        write("x\ny\n");
        task.close();
        task = null;
        context.resumingFrom(position);

        open(Map.of());
        assertEquals(List.of("\"x\"", "\"y\""), poll());
    }

    @Test
    void aCsvRecordStillOpenHasNoPositionToHandOver() throws Exception {
        write("id,note\n1,\"two\n");
        open(Map.of("format", "csv", "headers", true));
        assertEquals(List.of(), poll());

        assertEquals(Optional.empty(), task.position());
    }

    @Test
    void aPositionThatIsNotOneIsRefused() {
        context.resumingFrom("offset=x");

        StageException e = assertThrows(StageException.class, () -> open(Map.of()));

        assertEquals("cannot continue from position 'offset=x': expected file=<key>;offset=<bytes>;line=<number>",
                e.getMessage());
    }

    @Test
    void jsonLinesErrorsNameTheFileAndLine() throws Exception {
        write("{\"id\":1}\nnot json\n");
        open(Map.of("format", "jsonl"));
        StageException e = assertThrows(StageException.class, this::poll);
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().startsWith("app.log line 2: not valid JSON: "), e.getMessage());
    }

    @Test
    void aStoppingRunCutsThePauseShort() {
        Pause pause = Pause.untilStopped(context);
        context.stop();
        // a guard against hanging, not a measurement: the hour-long pause must return at once
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pause.sleep(3_600_000));
    }

    @Test
    void pollIntervalsInSecondsOrMilliseconds() {
        assertEquals(1000, FileWatchSource.pollMillis(config(Map.of("path", "a"))));
        assertEquals(500, FileWatchSource.pollMillis(config(Map.of("path", "a", "poll_interval", 0.5))));
        assertEquals(2000, FileWatchSource.pollMillis(config(Map.of("path", "a", "poll_interval", 2))));
        assertEquals(250, FileWatchSource.pollMillis(config(Map.of("path", "a", "poll_interval_ms", 250))));
    }

    @Test
    void outputSchemaIsKnownForTextOnly() {
        assertEquals("Schema<line: Utf8>", source.outputSchema(config(Map.of("path", "a", "format", "text")),
                TestSchemaContext.none()).orElseThrow().toString());
        assertEquals(Optional.empty(), source.outputSchema(config(Map.of("path", "a")), TestSchemaContext.none()));
    }

    @Test
    void configProblems() {
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty"),
                new ConfigProblem("poll_interval_ms", "config key 'poll_interval_ms' sets the same interval as "
                        + "'poll_interval'; set only one of them")),
                source.validate(config(Map.of("path", "", "poll_interval", 1, "poll_interval_ms", 100))));
        assertEquals(List.of(new ConfigProblem("poll_interval", "config key 'poll_interval' must be more than 0 "
                + "seconds, got 0.0")), source.validate(config(Map.of("path", "a", "poll_interval", 0))));
        assertEquals(List.of(new ConfigProblem("poll_interval_ms", "config key 'poll_interval_ms' must be 1 or more, "
                + "got 0")), source.validate(config(Map.of("path", "a", "poll_interval_ms", 0))));
        StageException e = assertThrows(StageException.class, () -> source.open(config(Map.of("path", "a",
                "delimiter", "ab")), context));
        assertEquals("delimiter", e.key());
        assertThrows(IllegalArgumentException.class, () -> config(Map.of()));
    }
}
