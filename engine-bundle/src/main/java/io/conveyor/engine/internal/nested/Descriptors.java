package io.conveyor.engine.internal.nested;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

/** The declarations of {@code stage.pipeline}, {@code pipeline.input} and the engine's capture sink. */
final class Descriptors {

    static final String STAGE_PIPELINE = "stage.pipeline";
    static final String PIPELINE_INPUT = "pipeline.input";
    /** The sink the engine adds to a sub-pipeline to take the output of the stage named by {@code output}. */
    static final String PIPELINE_OUTPUT = "pipeline.output";
    /** The id of that sink's stage. */
    static final String CAPTURE_ID = "<output>";
    /** The name of an inline sub-pipeline without a {@code [pipeline]} table, as in the original tool. */
    static final String INLINE_NAME = "inline-pipeline";
    /** How inline sub-pipelines are named in messages. */
    static final String INLINE_DISPLAY = "inline";

    private static final String SHARED = "Runs another pipeline, from a file or written inline, inside this one. "
            + "The sub-pipeline is planned and checked with the pipeline that calls it: its problems are reported "
            + "at validation, each with its own file, line and column. Relative paths in it resolve against the "
            + "working directory, like every path. It runs as a pipeline of its own: its [global] settings "
            + "(timeout_seconds, channel_buffer_size) apply to it, its memory counts against this stage's, and "
            + "its own sinks commit when it completes. A failure inside fails this stage with the sub-pipeline's "
            + "name, the inner stage and its error; stopping the calling pipeline stops it. A pipeline file that "
            + "is already running further up the chain of calls is refused, with the cycle shown "
            + "(a.toml -> b.toml -> a.toml), and pipelines may run at most " + SubPipelines.MAX_DEPTH
            + " deep.";

    private static final Parameter FILE = Parameter.builder("file", ParameterType.STRING)
            .description("The pipeline file to run, resolved against the working directory like every path. "
                    + "Set exactly one of file and inline.")
            .example("\"examples/nested/big_orders.toml\"").build();
    private static final Parameter INLINE = Parameter.builder("inline", ParameterType.STRING)
            .description("The sub-pipeline written here, as a TOML string (usually a \"\"\" multi-line string) of "
                    + "[[stages]] tables; a [pipeline] table is optional (the name defaults to inline-pipeline). "
                    + "{{name}} variables in it are those of the calling pipeline. Set exactly one of file and "
                    + "inline.")
            .example("\"[[stages]]\\nid = \\\"rows\\\"\\nfunction = \\\"pipeline.input\\\"\"").build();
    private static final Parameter OUTPUT = Parameter.builder("output", ParameterType.STRING)
            .description("The id of the sub-pipeline stage whose output this stage emits. Without it: the "
                    + "sub-pipeline's only stage that is not a sink and that no other stage reads; when there is "
                    + "no such stage (a sub-pipeline with its own sources and sinks, the original tool's form) this "
                    + "stage passes its first input through unchanged, and ends once the sub-pipeline has run to its "
                    + "end; when there are several, output must say which.")
            .example("\"slim\"").build();
    private static final Parameter VARIABLES = Parameter.builder("variables", ParameterType.TABLE)
            .description("Values for the sub-pipeline's {{name}} references: they replace its [global.variables] "
                    + "of the same name, or add to them. Each value is a string.")
            .example("{ min_amount = \"100\" }").build();

    private static final String FILTER_INLINE = """
            [[stages]]
            id = "big_orders"
            function = "stage.pipeline"
            inputs = ["orders"]
            [stages.config]
            output = "slim"
            inline = \"""
            [[stages]]
            id = "rows"
            function = "pipeline.input"

            [[stages]]
            id = "big"
            function = "filter.apply"
            inputs = ["rows"]
            [stages.config]
            column = "amount"
            operator = ">="
            value = 100

            [[stages]]
            id = "slim"
            function = "select.apply"
            inputs = ["big"]
            [stages.config]
            columns = ["order_id", "amount"]
            \"""
            """;

    private static final String STANDALONE_INLINE = """
            [[stages]]
            id = "archive_returns"
            function = "stage.pipeline"
            inputs = ["orders"]
            [stages.config]
            inline = \"""
            [[stages]]
            id = "load"
            function = "csv.read"
            [stages.config]
            path = "data/returns.csv"

            [[stages]]
            id = "save"
            function = "json.write"
            inputs = ["load"]
            [stages.config]
            path = "output/returns.json"
            \"""
            """;

    private static final String SOURCE_INLINE = """
            [[stages]]
            id = "customers"
            function = "stage.pipeline"
            [stages.config]
            inline = \"""
            [[stages]]
            id = "load"
            function = "csv.read"
            [stages.config]
            path = "data/customers.csv"

            [[stages]]
            id = "active"
            function = "filter.apply"
            inputs = ["load"]
            [stages.config]
            column = "active"
            value = true
            \"""
            """;

    /**
     * Both roles share one declaration, so that whichever a listing shows first tells the whole
     * story: a stage with inputs is the transform, one without is the source.
     */
    private static final String DESCRIPTION = SHARED + " With inputs, the sub-pipeline receives them through "
            + "pipeline.input sources (config key name picks the input, by default the first), as they stream in, "
            + "and this stage emits the output of the sub-pipeline stage named by output. Without inputs, "
            + "stage.pipeline is a source: it emits the output of that stage, or nothing when the sub-pipeline has "
            + "no stage to return (it then only runs it).";

    static final StageDescriptor TRANSFORM = stagePipeline(StageRole.TRANSFORM);
    static final StageDescriptor SOURCE = stagePipeline(StageRole.SOURCE);

    private static StageDescriptor stagePipeline(StageRole role) {
        return StageDescriptor.builder(STAGE_PIPELINE, role)
                .description(DESCRIPTION)
                .parameter(FILE)
                .parameter(INLINE)
                .parameter(OUTPUT)
                .parameter(VARIABLES)
                .example("Keep the big orders and two of their columns, in a sub-pipeline", FILTER_INLINE)
                .example("The original tool's form: a standalone sub-pipeline with its own source and sink; this "
                        + "stage passes its input through while it runs", STANDALONE_INLINE)
                .example("Without inputs, a source: read and filter customers in a sub-pipeline", SOURCE_INLINE)
                .build();
    }

    static final StageDescriptor INPUT = StageDescriptor.builder(PIPELINE_INPUT, StageRole.SOURCE)
            .description("The input of a sub-pipeline: emits the batches that one input of the calling "
                    + "stage.pipeline stage receives, as they arrive, and ends when that input ends. It exists only "
                    + "inside a pipeline that stage.pipeline runs; anywhere else it is a configuration error.")
            .parameter(Parameter.builder("name", ParameterType.STRING)
                    .description("Which input of the calling stage.pipeline stage to receive: one of the stage "
                            + "ids in its inputs. Default: its first input.")
                    .example("\"returns\"").build())
            .example("Receive the second input of the calling stage", """
                    [[stages]]
                    id = "refunds"
                    function = "stage.pipeline"
                    inputs = ["orders", "returns"]
                    [stages.config]
                    inline = \"""
                    [[stages]]
                    id = "returned"
                    function = "pipeline.input"
                    [stages.config]
                    name = "returns"

                    [[stages]]
                    id = "paid_back"
                    function = "filter.apply"
                    inputs = ["returned"]
                    [stages.config]
                    column = "refund"
                    operator = ">"
                    value = 0
                    \"""
                    """)
            .build();

    static final StageDescriptor OUTPUT_SINK = StageDescriptor.builder(PIPELINE_OUTPUT, StageRole.SINK)
            .description("Hands the batches of the stage named by stage.pipeline's output key back to the calling "
                    + "stage. Added by the engine; not for pipeline files.")
            .build();

    private Descriptors() {
    }
}
