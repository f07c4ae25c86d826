package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.RunDefaults;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;

class PipelineLoaderTest {

    private static final String FILE = "pipeline.toml";
    private static final String HEADER = """
            [pipeline]
            name = "p"
            """;

    private final PipelineLoader loader = new PipelineLoader();

    @Test
    void loadsTheOriginalQuickstartUnchanged() throws Exception {
        PipelineSpec spec = loader.load(fixture("quickstart.toml"), "quickstart.toml", Map.of());

        assertEquals("quickstart", spec.name());
        assertEquals("1.0.0", spec.version());
        assertEquals("Keep sales of 150 or more and write them as pretty JSON records", spec.description());
        assertEquals("quickstart.toml", spec.file());
        // the quickstart sets log_level = "info", the default
        assertEquals(new GlobalSpec(Map.of(), 300, 100, 4, 10, List.of(), List.of(), "info", "dag", null, null,
                Set.of("log_level")), spec.global());
        assertEquals(List.of("load_sales", "big_sales", "save"), spec.stages().stream().map(StageSpec::id).toList());
        StageSpec filter = spec.stages().get(1);
        assertEquals("filter.apply", filter.function());
        assertEquals(List.of("load_sales"), filter.inputs());
        assertEquals(Map.of("column", "amount", "operator", ">=", "value", 150L), filter.config());
        assertEquals(List.of("column", "operator", "value"), List.copyOf(filter.config().keySet()));
        assertEquals(new Location("quickstart.toml", 20, 1), filter.location());
        assertEquals(new Location("quickstart.toml", 23, 11), filter.inputLocations().get(0));
        assertEquals(new Location("quickstart.toml", 28, 1), filter.locationOf("value"));
        assertEquals(filter.location(), filter.locationOf("absent"));
    }

    @Test
    void appliesDefaultsWhenOptionalTablesAreAbsent() throws Exception {
        PipelineSpec spec = parse(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                """);

        assertEquals("1.0.0", spec.version());
        assertEquals("", spec.description());
        assertEquals(new GlobalSpec(Map.of(), 300, 100, 4, 10, List.of(), List.of(), "info", "dag", null, null, Set.of()),
                spec.global());
        StageSpec stage = spec.stages().get(0);
        assertEquals(List.of(), stage.inputs());
        assertEquals(Map.of(), stage.config());
        assertEquals(List.of(), stage.inputLocations());
    }

    @Test
    void readsEveryKeyOfTheOriginalFormatAndSubstitutesVariablesAtAnyDepth() throws Exception {
        PipelineSpec spec = loader.load(fixture("everything.toml"), "everything.toml", Map.of("DATA_DIR", "/data"));

        assertEquals("2.1.0", spec.version());
        assertEquals(new GlobalSpec(Map.of("base", "/data/in", "name", "users"), 60, 16, 8, 3, List.of("http"),
                List.of("echo_wasm"), "debug", "channel", new Location("everything.toml", 11, 1),
                new Location("everything.toml", 12, 1), Set.of("variables", "timeout_seconds", "channel_buffer_size", "max_parallel_tasks", "concurrency",
                        "log_level", "plugins", "wasm_plugins", "executor", "execution_mode", "stream_batch_size",
                        "checkpoint_interval")), spec.global());
        assertEquals(List.of("base", "name"), List.copyOf(spec.global().variables().keySet()));
        assertEquals(Map.of("path", "/data/in/users.csv", "headers", false), spec.stages().get(0).config());
        Map<String, Object> fetch = spec.stages().get(1).config();
        assertEquals("https://example.org/{{ id }}?q=users", fetch.get("url"));
        assertEquals(Map.of("Authorization", "Bearer users"), fetch.get("headers"));
        assertEquals(List.of("users", 2L, Map.of("deep", "/data/in")), fetch.get("tags"));
    }

    @Test
    void leavesRowTemplatesWithSpacesUntouched() throws Exception {
        PipelineSpec spec = parse(HEADER + """
                [[stages]]
                id = "a"
                function = "http.fetch"
                config = { url = "https://x/{{ user_id }}", body = "{{  name  }} and {{ env.X }}" }
                """);

        assertEquals(Map.of("url", "https://x/{{ user_id }}", "body", "{{  name  }} and {{ env.X }}"),
                spec.stages().get(0).config());
    }

    @Test
    void leavesLowerCaseDollarReferencesInVariablesAlone() throws Exception {
        PipelineSpec spec = parse(HEADER + """
                [global.variables]
                price = "${amount} ${HOME}"
                """, Map.of("HOME", "/home/u"));

        assertEquals(Map.of("price", "${amount} /home/u"), spec.global().variables());
    }

    @Test
    void reportsAMissingPipelineName() {
        assertProblems("""
                [pipeline]
                description = "no name"
                """, "pipeline.toml:1:1: error[CONFIG]: [pipeline] name is missing");
    }

    @Test
    void reportsAMissingPipelineTable() {
        assertProblems("""
                [[stages]]
                id = "a"
                function = "csv.read"
                """, "pipeline.toml: error[CONFIG]: [pipeline] name is missing");
    }

    @Test
    void reportsAnUndefinedVariable() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                [stages.config]
                headers = true
                path = "{{dir}}/in.csv"
                """,
                "pipeline.toml:8:1: error[CONFIG]: stage 'a': config key 'path' uses {{dir}}, which is not defined"
                        + " in [global.variables]");
    }

    @Test
    void reportsAnUndefinedVariableInANestedValueAtItsOwnPosition() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "http.fetch"
                [stages.config]
                headers = { Accept = "json", Token = "{{token}}" }
                urls = [
                  "https://a",
                  "{{host}}/b",
                ]
                """,
                "pipeline.toml:7:30: error[CONFIG]: stage 'a': config key 'headers.Token' uses {{token}}, which is"
                        + " not defined in [global.variables]",
                "pipeline.toml:10:3: error[CONFIG]: stage 'a': config key 'urls[1]' uses {{host}}, which is not"
                        + " defined in [global.variables]");
    }

    @Test
    void reportsAnUnsetEnvironmentVariable() {
        assertProblems(HEADER + """
                [global.variables]
                dir = "${DATA_DIR}/in"
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "{{dir}}/x.csv" }
                """,
                "pipeline.toml:4:1: error[CONFIG]: [global.variables] 'dir' uses ${DATA_DIR}, which is not set in"
                        + " the environment");
    }

    @Test
    void rejectsTheRetryStrategyAsNotSupportedYet() {
        assertProblems(HEADER + """
                [error_handling]
                strategy = "retry"
                max_retries = 2
                """,
                "pipeline.toml:4:1: error[CONFIG]: [error_handling] strategy = \"retry\" is not supported yet: only"
                        + " \"stop\" is");
    }

    @Test
    void rejectsTheContinueStrategyAndAnEnabledDeadLetterQueue() {
        assertProblems(HEADER + """
                [error_handling]
                strategy = "continue"

                [error_handling.dead_letter_queue]
                enabled = true
                path = "dlq.jsonl"
                """,
                "pipeline.toml:4:1: error[CONFIG]: [error_handling] strategy = \"continue\" is not supported yet:"
                        + " only \"stop\" is",
                "pipeline.toml:7:1: error[CONFIG]: [error_handling] dead_letter_queue.enabled = true is not"
                        + " supported yet: only false is");
    }

    @Test
    void reportsUnknownAndIllTypedKeysInErrorHandling() {
        assertProblems(HEADER + """
                [error_handling]
                strategy = "halt"
                max_retry = 3
                retry_delay_seconds = -1
                dead_letter_queue = { path = "x" }
                """,
                "pipeline.toml:4:1: error[CONFIG]: [error_handling] strategy must be one of \"stop\", \"continue\","
                        + " \"retry\", got \"halt\"",
                "pipeline.toml:5:1: error[CONFIG]: [error_handling] unknown key 'max_retry' (did you mean"
                        + " 'max_retries'?)",
                "pipeline.toml:6:1: error[CONFIG]: [error_handling] retry_delay_seconds must be at least 0, got -1",
                "pipeline.toml:7:1: error[CONFIG]: [error_handling] dead_letter_queue.enabled is missing");
    }

    @Test
    void reportsUnknownAndIllTypedGlobalKeysWithSuggestions() {
        assertProblems(HEADER + """
                [global]
                timout_seconds = 10
                channel_buffer_size = 0
                log_level = "verbose"
                plugins = "http"
                max_parallel_tasks = "4"
                executor = "threads"
                [global.variables]
                n = 5
                """,
                "pipeline.toml:4:1: error[CONFIG]: [global] unknown key 'timout_seconds' (did you mean"
                        + " 'timeout_seconds'?)",
                "pipeline.toml:5:1: error[CONFIG]: [global] channel_buffer_size must be at least 1, got 0",
                "pipeline.toml:6:1: error[CONFIG]: [global] log_level must be one of \"trace\", \"debug\", \"info\","
                        + " \"warn\", \"error\", got \"verbose\"",
                "pipeline.toml:7:1: error[CONFIG]: [global] plugins must be an array of strings, got string \"http\"",
                "pipeline.toml:8:1: error[CONFIG]: [global] max_parallel_tasks must be an integer, got string \"4\"",
                "pipeline.toml:9:1: error[CONFIG]: [global] executor must be one of \"dag\", \"channel\", \"async\","
                        + " got \"threads\"",
                "pipeline.toml:11:1: error[CONFIG]: [global.variables] 'n' must be a string, got integer 5");
    }

    @Test
    void reportsUnknownKeysInPipelineStagesAndTopLevel() {
        assertProblems(HEADER + """
                author = "me"
                [[stages]]
                id = "a"
                fuction = "csv.read"
                input = []
                [pipline]
                """,
                "pipeline.toml:3:1: error[CONFIG]: [pipeline] unknown key 'author'",
                "pipeline.toml:4:1: error[CONFIG]: stage 'a': function is missing",
                "pipeline.toml:6:1: error[CONFIG]: stage 'a': unknown key 'fuction' (did you mean 'function'?)",
                "pipeline.toml:7:1: error[CONFIG]: stage 'a': unknown key 'input' (did you mean 'inputs'?)",
                "pipeline.toml:8:1: error[CONFIG]: unknown top-level key 'pipline' (did you mean 'pipeline'?)");
    }

    @Test
    void reportsIllTypedStageKeys() {
        assertProblems(HEADER + """
                [[stages]]
                function = "csv.read"
                [[stages]]
                id = "b"
                function = 3
                inputs = ["a", 1]
                config = "path=x"
                """,
                "pipeline.toml:3:1: error[CONFIG]: stage #1: id is missing",
                "pipeline.toml:7:1: error[CONFIG]: stage 'b': function must be a string, got integer 3",
                "pipeline.toml:8:1: error[CONFIG]: stage 'b': inputs must be an array of strings, got array"
                        + " [\"a\", 1]",
                "pipeline.toml:9:1: error[CONFIG]: stage 'b': config must be a table, got string \"path=x\"");
    }

    @Test
    void explainsTheRemovedTypeSyntax() {
        assertProblems(HEADER + """
                [[stages]]
                id = "users"
                type = "source.csv"
                config = { path = "users.csv" }
                [[stages]]
                id = "odd"
                type = "custom"
                """,
                "pipeline.toml:5:1: error[CONFIG]: stage 'users': type = \"source.csv\" is the removed legacy"
                        + " syntax: write function = \"csv.read\" instead",
                "pipeline.toml:9:1: error[CONFIG]: stage 'odd': type = \"custom\" is the removed legacy syntax:"
                        + " name the stage's function with function = \"...\" instead");
    }

    @Test
    void explainsTheRemovedLegacyFileFormat() throws Exception {
        PipelineException e = assertThrows(PipelineException.class,
                () -> loader.load(fixture("legacy-format.toml"), "legacy.toml", Map.of()));

        assertEquals(List.of(
                "legacy.toml:5:1: error[CONFIG]: [[sources]] is the removed legacy pipeline format: write every"
                        + " source, transform and sink as a [[stages]] table with id, function and inputs",
                "legacy.toml:10:1: error[CONFIG]: [[sinks]] is the removed legacy pipeline format: write every"
                        + " source, transform and sink as a [[stages]] table with id, function and inputs"),
                lines(e));
    }

    @Test
    void reportsTomlSyntaxErrorsWithTheirPositions() {
        assertProblems("""
                [pipeline]
                name = "p
                [[stages]]
                id = "a" "b"
                """,
                "pipeline.toml:2:10: error[CONFIG]: Unexpected end of line, expected \" or a character",
                "pipeline.toml:4:10: error[CONFIG]: Unexpected \", expected a newline or end-of-input");
    }

    @Test
    void reportsAStagesTableWrittenWithSingleBrackets() {
        assertProblems(HEADER + """
                [stages]
                id = "a"
                """,
                "pipeline.toml:3:1: error[CONFIG]: stages must be an array of tables: write each stage as a"
                        + " [[stages]] table, got table");
    }

    @Test
    void reportsAMissingFileAsAnIoProblem() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> loader.load(Path.of("does-not-exist.toml"), "does-not-exist.toml", Map.of()));

        assertEquals(List.of("does-not-exist.toml: error[IO]: pipeline file not found"), lines(e));
    }

    @Test
    void inspectKeepsAStageWhoseConfigUsesAnUndefinedVariableSoItCanBePlanned() {
        LoadResult result = loader.inspect("""
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "{{dir}}/in.csv" }
                """, FILE, Map.of());

        assertEquals(List.of("pipeline.toml: error[CONFIG]: [pipeline] name is missing",
                "pipeline.toml:4:12: error[CONFIG]: stage 'a': config key 'path' uses {{dir}}, which is not defined"
                        + " in [global.variables]"),
                result.problems().stream().map(Problem::toString).toList());
        PipelineSpec spec = result.spec().orElseThrow();
        assertEquals(null, spec.name());
        assertEquals(Map.of("path", "{{dir}}/in.csv"), spec.stages().get(0).config());
    }

    @Test
    void inspectGivesNoSpecWhenAStageCannotBeBuilt() {
        LoadResult result = loader.inspect(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"

                [[stages]]
                function = "csv.write"
                inputs = ["a"]
                """, FILE, Map.of());

        assertEquals(List.of("pipeline.toml:7:1: error[CONFIG]: stage #2: id is missing"),
                result.problems().stream().map(Problem::toString).toList());
        assertTrue(result.spec().isEmpty());
    }

    @Test
    void inspectGivesNoSpecForATomlSyntaxError() {
        LoadResult result = loader.inspect("[pipeline\n", FILE, Map.of());

        assertEquals(1, result.problems().size());
        assertTrue(result.spec().isEmpty());
    }

    @Test
    void locatesProblemsWithStageAndKey() {
        PipelineException e = assertThrows(PipelineException.class, () -> parse(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "{{nope}}" }
                """));

        Problem problem = e.problems().get(0);
        assertEquals("a", problem.stageId());
        assertEquals("path", problem.key());
        assertEquals(new Location(FILE, 6, 12), problem.location());
    }

    @Test
    void callersVariablesReplaceAndAddToTheFilesOwn() {
        LoadResult loaded = loader.inspect(HEADER + """
                [global.variables]
                dir = "in"
                name = "a.csv"
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "{{dir}}/{{name}}", label = "{{extra}}" }
                """, FILE, Map.of(), Map.of("dir", "override", "extra", "x"), null);

        assertEquals(List.of(), loaded.problems());
        assertEquals(Map.of("path", "override/a.csv", "label", "x"), loaded.spec().orElseThrow().stages().get(0).config());
        assertEquals(Map.of("dir", "override", "name", "a.csv", "extra", "x"),
                loaded.spec().orElseThrow().global().variables());
    }

    @Test
    void callersVariablesApplyWithoutAGlobalTable() {
        LoadResult loaded = loader.inspect(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "{{dir}}/a.csv" }
                """, FILE, Map.of(), Map.of("dir", "in"), null);

        assertEquals(List.of(), loaded.problems());
        assertEquals("in/a.csv", loaded.spec().orElseThrow().stages().get(0).config().get("path"));
        assertEquals(GlobalSpec.DEFAULT_TIMEOUT_SECONDS, loaded.spec().orElseThrow().global().timeoutSeconds());
    }

    private static final RunDefaults SERVER = new RunDefaults(60, 2);

    @Test
    void serverDefaultsReplaceOnlyTheGlobalKeysTheFileLeavesUnset() throws Exception {
        String stage = "[[stages]]\nid = \"a\"\nfunction = \"csv.read\"\n";

        GlobalSpec noGlobal = parse(HEADER + stage).withDefaults(SERVER).global();
        GlobalSpec other = parse(HEADER + "[global]\nconcurrency = 2\n" + stage).withDefaults(SERVER).global();
        GlobalSpec own = parse(HEADER + "[global]\ntimeout_seconds = 300\nmax_parallel_tasks = 4\n" + stage)
                .withDefaults(SERVER).global();
        GlobalSpec continuous = parse(HEADER + "[schedule]\nmode = \"continuous\"\n" + stage)
                .withDefaults(SERVER).global();

        assertEquals(List.of(60L, 2), List.of(noGlobal.timeoutSeconds(), noGlobal.maxParallelTasks()));
        assertEquals(List.of(60L, 2), List.of(other.timeoutSeconds(), other.maxParallelTasks()));
        assertEquals(List.of(300L, 4), List.of(own.timeoutSeconds(), own.maxParallelTasks()));
        assertEquals(List.of(GlobalSpec.NO_TIMEOUT, 2), List.of(continuous.timeoutSeconds(),
                continuous.maxParallelTasks()));
    }

    @Test
    void stagesWithoutAPipelineTableTakeTheDefaultNameWhenOneIsGiven() {
        String stagesOnly = """
                [[stages]]
                id = "a"
                function = "csv.read"
                """;

        LoadResult inline = loader.inspect(stagesOnly, "inline", Map.of(), Map.of(), "inline-pipeline");
        LoadResult named = loader.inspect("[pipeline]\nname = \"mine\"\n" + stagesOnly, "inline", Map.of(), Map.of(),
                "inline-pipeline");
        LoadResult file = loader.inspect(stagesOnly, FILE, Map.of(), Map.of(), null);

        assertEquals(List.of(), inline.problems());
        assertEquals("inline-pipeline", inline.spec().orElseThrow().name());
        assertEquals("mine", named.spec().orElseThrow().name());
        assertEquals(List.of("pipeline.toml: error[CONFIG]: [pipeline] name is missing"),
                file.problems().stream().map(Problem::toString).toList());
    }

    private PipelineSpec parse(String text) throws PipelineException {
        return parse(text, Map.of());
    }

    private PipelineSpec parse(String text, Map<String, String> env) throws PipelineException {
        return loader.parse(text, FILE, env);
    }

    private void assertProblems(String text, String... expected) {
        PipelineException e = assertThrows(PipelineException.class, () -> parse(text));
        assertEquals(List.of(expected), lines(e));
    }

    static List<String> lines(PipelineException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(PipelineLoaderTest.class.getResource("/pipelines/" + name).toURI());
    }
}
