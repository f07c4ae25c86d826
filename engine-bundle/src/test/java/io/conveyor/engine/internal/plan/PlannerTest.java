package io.conveyor.engine.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.config.PipelineLoader;
import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;

class PlannerTest {

    private static final String FILE = "pipeline.toml";
    private static final Path WORK = Path.of("/work/dir");
    private static final String HEADER = """
            [pipeline]
            name = "p"
            """;

    private final Planner planner = new Planner();
    private final TestCatalog catalog = new TestCatalog();

    @Test
    void plansTheOriginalQuickstart() throws Exception {
        Path file = Path.of(PlannerTest.class.getResource("/pipelines/quickstart.toml").toURI());
        PipelineSpec spec = new PipelineLoader().load(file, "quickstart.toml", Map.of());

        Plan plan = planner.plan(spec, catalog, WORK);

        assertEquals(List.of("load_sales/source", "big_sales/transform", "save/sink"), summary(plan));
        PlannedStage load = plan.stages().get(0);
        assertEquals(List.of("big_sales"), load.consumers());
        assertEquals(Path.of("/work/dir/examples/quickstart/data/sales.csv"), load.config().getPath("path"));
        assertEquals(",", load.config().getString("delimiter"));
        StageConfig filter = plan.stages().get(1).config();
        assertEquals(150L, filter.get("value"));
        assertEquals(">=", filter.getString("operator"));
        assertEquals(List.of(), plan.stages().get(2).consumers());
        assertEquals(true, plan.stages().get(2).config().getBoolean("pretty"));
    }

    @Test
    void plansTheFanOutFanInExampleWithItsVariables() throws Exception {
        Path file = Path.of(PlannerTest.class.getResource("/pipelines/fanout.toml").toURI());
        PipelineSpec spec = new PipelineLoader().load(file, "fanout.toml", Map.of());

        Plan plan = planner.plan(spec, catalog, WORK);

        assertEquals(List.of("orders/source", "returns/source", "shipped/transform", "open/transform",
                "open_ids/transform", "write_open/sink", "ledger/sink"), summary(plan));
        assertEquals(List.of("shipped", "open"), plan.stages().get(0).consumers());
        assertEquals(List.of("shipped", "returns"), plan.stages().get(6).inputs());
        assertEquals(Path.of("/work/dir/examples/fanout/output/ledger.jsonl"),
                plan.stages().get(6).config().getPath("path"));
        assertEquals(List.of("pending", "on_hold"), plan.stages().get(3).config().get("value"));
    }

    @Test
    void ordersStagesTopologicallyKeepingFileOrderForTies() throws Exception {
        Plan plan = plan(HEADER + """
                [[stages]]
                id = "save"
                function = "json.write"
                inputs = ["join"]
                config = { path = "out.json" }
                [[stages]]
                id = "join"
                function = "echo"
                inputs = ["right", "left"]
                [[stages]]
                id = "right"
                function = "csv.read"
                config = { path = "r.csv" }
                [[stages]]
                id = "left"
                function = "csv.read"
                config = { path = "l.csv" }
                [[stages]]
                id = "only_left"
                function = "select.apply"
                inputs = ["left"]
                config = { columns = "a" }
                """);

        assertEquals(List.of("right/source", "left/source", "join/transform", "save/sink",
                "only_left/transform"), summary(plan));
        assertEquals(List.of("join", "only_left"), plan.stages().get(1).consumers());
        assertEquals(List.of("right", "left"), plan.stages().get(2).inputs());
    }

    @Test
    void resolvesTheRoleOfAFunctionProvidedInSeveralRoles() throws Exception {
        Plan plan = plan(HEADER + """
                [[stages]]
                id = "make"
                function = "echo"
                [[stages]]
                id = "pass"
                function = "echo"
                inputs = ["make"]
                [[stages]]
                id = "end"
                function = "echo"
                inputs = ["pass"]
                [[stages]]
                id = "start"
                function = "tap"
                [[stages]]
                id = "finish"
                function = "tap"
                inputs = ["start"]
                """);

        assertEquals(List.of("make/source", "pass/transform", "end/sink", "start/source", "finish/sink"),
                summary(plan));
    }

    @Test
    void reportsAPipelineWithoutStages() {
        assertProblems(HEADER, "pipeline.toml: error[PLAN]: pipeline has no stages: add at least one [[stages]] table");
    }

    @Test
    void reportsADuplicateStageId() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "a.csv" }

                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "b.csv" }
                """, "pipeline.toml:8:1: error[PLAN]: duplicate stage id 'a' (first defined at pipeline.toml:3:1)");
    }

    @Test
    void reportsAnUnknownInputWithTheClosestStageId() {
        assertProblems(HEADER + """
                [[stages]]
                id = "load"
                function = "csv.read"
                config = { path = "a.csv" }
                [[stages]]
                id = "b"
                function = "select.apply"
                inputs = ["lod", "x"]
                config = { columns = ["a"] }
                """,
                "pipeline.toml:10:11: error[PLAN]: stage 'b' lists input 'lod', which is not a stage id (did you"
                        + " mean 'load'?)",
                "pipeline.toml:10:18: error[PLAN]: stage 'b' lists input 'x', which is not a stage id");
    }

    @Test
    void reportsAStageListingItselfOrAnInputTwice() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = "a.csv" }
                [[stages]]
                id = "b"
                function = "select.apply"
                inputs = [
                  "a",
                  "b",
                  "a",
                ]
                config = { columns = ["a"] }
                """,
                "pipeline.toml:12:3: error[PLAN]: stage 'b' lists itself as an input",
                "pipeline.toml:13:3: error[PLAN]: stage 'b' lists input 'a' twice");
    }

    @Test
    void reportsAnUnavailableFunctionWithTheClosestName() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.raed"
                config = { path = "a.csv" }
                [[stages]]
                id = "b"
                function = "parquet.read"
                """,
                "pipeline.toml:5:1: error[PLUGIN]: stage 'a': function 'csv.raed' is not available (did you mean"
                        + " 'csv.read'?)",
                "pipeline.toml:9:1: error[PLUGIN]: stage 'b': function 'parquet.read' is not available");
    }

    @Test
    void reportsACycleOnceFromItsFirstStageInFileOrder() {
        assertProblems(HEADER + """
                [[stages]]
                id = "src"
                function = "csv.read"
                config = { path = "a.csv" }
                [[stages]]
                id = "c"
                function = "echo"
                inputs = ["b"]
                [[stages]]
                id = "a"
                function = "echo"
                inputs = ["src", "c"]
                [[stages]]
                id = "b"
                function = "echo"
                inputs = ["a"]
                [[stages]]
                id = "out"
                function = "echo"
                inputs = ["c"]
                """, "pipeline.toml:7:1: error[PLAN]: cycle in pipeline: c -> a -> b -> c");
    }

    @Test
    void reportsTheShortestCycleThroughTheFirstStage() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "echo"
                inputs = ["c", "b"]
                [[stages]]
                id = "b"
                function = "echo"
                inputs = ["a"]
                [[stages]]
                id = "c"
                function = "echo"
                inputs = ["b"]
                """, "pipeline.toml:3:1: error[PLAN]: cycle in pipeline: a -> b -> a");
    }

    @Test
    void reportsASourceGivenInputs() {
        assertProblems(HEADER + """
                [[stages]]
                id = "b"
                function = "echo"
                [[stages]]
                id = "a"
                function = "csv.read"
                inputs = ["b"]
                config = { path = "a.csv" }
                """,
                "pipeline.toml:9:11: error[PLAN]: stage 'a': function 'csv.read' is a source and takes no inputs,"
                        + " but inputs = [\"b\"]");
    }

    @Test
    void reportsATransformOrSinkWithoutInputs() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "filter.apply"
                config = { column = "x", value = 1 }
                [[stages]]
                id = "b"
                function = "json.write"
                config = { path = "out.json" }
                """,
                "pipeline.toml:3:1: error[PLAN]: stage 'a': function 'filter.apply' is a transform and needs at"
                        + " least one input",
                "pipeline.toml:7:1: error[PLAN]: stage 'b': function 'json.write' is a sink and needs at least one"
                        + " input");
    }

    @Test
    void reportsAStageReadingFromASink() {
        assertProblems(HEADER + """
                [[stages]]
                id = "a"
                function = "echo"
                [[stages]]
                id = "save"
                function = "json.write"
                inputs = ["a"]
                config = { path = "out.json" }
                [[stages]]
                id = "after"
                function = "echo"
                inputs = ["save"]
                """, "pipeline.toml:14:11: error[PLAN]: stage 'after' lists input 'save', which is a sink and"
                + " produces no output");
    }

    @Test
    void reportsAnUnknownConfigKeyWithTheClosestDeclaredKey() {
        assertProblems(source("""
                pth = "a.csv"
                has_headers = true
                separator = ";"
                """),
                "pipeline.toml:3:1: error[CONFIG]: stage 'a': config key 'path' is required for csv.read",
                "pipeline.toml:7:1: error[CONFIG]: stage 'a': unknown config key 'pth' for csv.read (did you mean"
                        + " 'path'?)",
                "pipeline.toml:8:1: error[CONFIG]: stage 'a': unknown config key 'has_headers' for csv.read (did"
                        + " you mean 'headers'?)",
                "pipeline.toml:9:1: error[CONFIG]: stage 'a': unknown config key 'separator' for csv.read");
    }

    @Test
    void reportsAnIllTypedConfigKey() {
        assertProblems(source("""
                path = "a.csv"
                headers = "yes"
                """),
                "pipeline.toml:8:1: error[CONFIG]: stage 'a': config key 'headers' must be a boolean, got string"
                        + " \"yes\"");
    }

    @Test
    void reportsAMissingRequiredConfigKey() {
        assertProblems(source("""
                headers = false
                """), "pipeline.toml:3:1: error[CONFIG]: stage 'a': config key 'path' is required for csv.read");
    }

    @Test
    void reportsAValueThatIsNotAllowed() {
        assertProblems(HEADER + """
                [[stages]]
                id = "in"
                function = "echo"
                [[stages]]
                id = "a"
                function = "json.write"
                inputs = ["in"]
                [stages.config]
                path = "out.json"
                format = "xml"
                """,
                "pipeline.toml:12:1: error[CONFIG]: stage 'a': config key 'format' must be one of \"records\","
                        + " \"jsonl\", got \"xml\"");
    }

    @Test
    void checksEveryParameterType() {
        assertProblems(HEADER + """
                [[stages]]
                id = "in"
                function = "echo"
                [[stages]]
                id = "a"
                function = "sample.apply"
                inputs = ["in"]
                [stages.config]
                fraction = "half"
                limit = 2.5
                options = [1]
                steps = { a = 1 }
                [[stages]]
                id = "b"
                function = "select.apply"
                inputs = ["in"]
                config = { columns = ["x", 2] }
                """,
                "pipeline.toml:11:1: error[CONFIG]: stage 'a': config key 'fraction' must be a float, got string"
                        + " \"half\"",
                "pipeline.toml:12:1: error[CONFIG]: stage 'a': config key 'limit' must be an integer, got float 2.5",
                "pipeline.toml:13:1: error[CONFIG]: stage 'a': config key 'options' must be a table, got array [1]",
                "pipeline.toml:14:1: error[CONFIG]: stage 'a': config key 'steps' must be an array, got table"
                        + " { a = 1 }",
                "pipeline.toml:19:12: error[CONFIG]: stage 'b': config key 'columns' must be a string or array of"
                        + " strings, got array [\"x\", 2]");
    }

    @Test
    void acceptsIntegersForFloatsAndAStringForAStringList() throws Exception {
        Plan plan = plan(HEADER + """
                [[stages]]
                id = "in"
                function = "echo"
                [[stages]]
                id = "a"
                function = "sample.apply"
                inputs = ["in"]
                config = { fraction = 1 }
                [[stages]]
                id = "b"
                function = "select.apply"
                inputs = ["in"]
                config = { columns = "x" }
                """);

        assertEquals(1.0, plan.stages().get(1).config().getDouble("fraction"));
        assertEquals(List.of("x"), plan.stages().get(2).config().getStringList("columns"));
    }

    @Test
    void reportsTheStagesOwnValidationAtTheKey() {
        assertProblems(HEADER + """
                [[stages]]
                id = "nums"
                function = "range.read"
                config = { from = 5, to = 2 }
                """,
                "pipeline.toml:6:22: error[CONFIG]: stage 'nums': config key 'to' must not be less than from (5)");
    }

    @Test
    void reportsEveryProblemInFileOrder() {
        PipelineException e = assertThrows(PipelineException.class, () -> plan(HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                config = { path = 1 }
                [[stages]]
                id = "a"
                function = "eho"
                inputs = ["zz"]
                """));

        assertEquals(List.of(
                "pipeline.toml:6:12: error[CONFIG]: stage 'a': config key 'path' must be a string, got integer 1",
                "pipeline.toml:7:1: error[PLAN]: duplicate stage id 'a' (first defined at pipeline.toml:3:1)",
                "pipeline.toml:9:1: error[PLUGIN]: stage 'a': function 'eho' is not available (did you mean"
                        + " 'echo'?)",
                "pipeline.toml:10:11: error[PLAN]: stage 'a' lists input 'zz', which is not a stage id"),
                e.problems().stream().map(Problem::toString).toList());
        Problem config = e.problems().get(0);
        assertEquals("a", config.stageId());
        assertEquals("path", config.key());
    }

    @Test
    void passesDeclaredSchemasDownTheGraphAndKeepsThemInThePlan() throws Exception {
        Plan plan = plan(HEADER + """
                [[stages]]
                id = "people"
                function = "people.read"
                [[stages]]
                id = "named"
                function = "column.check"
                inputs = ["people"]
                config = { column = "name" }
                [[stages]]
                id = "aged"
                function = "column.check"
                inputs = ["named"]
                config = { column = "age" }
                """);

        assertEquals("Schema<name: Utf8, age: Int(64, true)>", plan.schemaOf("aged").orElseThrow().toString());
        assertEquals(plan.schemaOf("people"), plan.schemaOf("named"));
    }

    @Test
    void reportsAProblemWithAnInputSchemaAtItsKeyAndDoesNotCheckWhatIsUnknown() {
        assertProblems(HEADER + """
                [[stages]]
                id = "people"
                function = "people.read"
                [[stages]]
                id = "other"
                function = "echo"
                [[stages]]
                id = "salary"
                function = "column.check"
                inputs = ["people", "other"]
                config = { column = "salary" }
                [[stages]]
                id = "after"
                function = "column.check"
                inputs = ["salary"]
                config = { column = "bonus" }
                """,
                "pipeline.toml:13:12: error[CONFIG]: stage 'salary': config key 'column' names 'salary', which input"
                        + " 'people' does not have");
    }

    @Test
    void reportsAStageThatFailsToWorkOutItsSchemaAsAPluginProblem() {
        assertProblems(HEADER + """
                [[stages]]
                id = "people"
                function = "people.read"
                [[stages]]
                id = "oops"
                function = "broken.check"
                inputs = ["people"]
                """,
                "pipeline.toml:6:1: error[PLUGIN]: stage 'oops': function 'broken.check' failed while working out its"
                        + " output schema: java.lang.IllegalStateException: no schema today");
    }

    @Test
    void keepsTheGlobalSettingsInThePlan() throws Exception {
        Plan plan = plan(HEADER + """
                [global]
                timeout_seconds = 7
                [[stages]]
                id = "a"
                function = "echo"
                """);

        assertEquals(7, plan.spec().global().timeoutSeconds());
        assertEquals(GlobalSpec.DEFAULT_CHANNEL_BUFFER_SIZE, plan.spec().global().channelBufferSize());
        assertEquals(StageRole.SOURCE, plan.stages().get(0).role());
    }

    private static String source(String config) {
        return HEADER + """
                [[stages]]
                id = "a"
                function = "csv.read"
                [stages.config]
                """ + config;
    }

    private Plan plan(String text) throws PipelineException {
        PipelineSpec spec = new PipelineLoader().parse(text, FILE, Map.of());
        return planner.plan(spec, catalog, WORK);
    }

    private void assertProblems(String text, String... expected) {
        PipelineException e = assertThrows(PipelineException.class, () -> plan(text));
        assertEquals(List.of(expected), e.problems().stream().map(Problem::toString).toList());
    }

    private static List<String> summary(Plan plan) {
        return plan.stages().stream().map(s -> s.id() + "/" + s.role().id()).toList();
    }
}
