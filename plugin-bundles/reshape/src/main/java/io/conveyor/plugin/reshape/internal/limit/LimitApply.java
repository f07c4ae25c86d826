package io.conveyor.plugin.reshape.internal.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.reshape.internal.common.Vectors;

/** {@code limit.apply}: passes at most n rows on, after skipping some. */
@Component(property = {Stage.FUNCTION + "=limit.apply", Stage.ROLE + "=transform"})
public final class LimitApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("limit.apply", StageRole.TRANSFORM)
            .description("Passes on at most n rows, after skipping the first offset rows, in input order. A batch "
                    + "that passes whole is forwarded as it is, and one cut in part shares the input's memory; "
                    + "once n rows have passed the stage stops reading, and the rest of the input is discarded "
                    + "(upstream stages still run to their end). It takes exactly one input: combine several "
                    + "with union.apply first. Put it after sort.apply for the top n rows.")
            .parameter(Parameter.builder("n", ParameterType.INTEGER).required()
                    .description("The most rows to pass on; 0 passes none but still tells the columns.")
                    .example("10").build())
            .parameter(Parameter.builder("offset", ParameterType.INTEGER).defaultValue(0)
                    .description("How many rows to skip before counting.")
                    .example("20").build())
            .example("The ten largest orders", """
                    [[stages]]
                    id = "top_ten"
                    function = "limit.apply"
                    inputs = ["by_amount"]
                    [stages.config]
                    n = 10
                    """)
            .example("The third page of twenty rows", """
                    [[stages]]
                    id = "page_3"
                    function = "limit.apply"
                    inputs = ["orders"]
                    [stages.config]
                    n = 20
                    offset = 40
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : List.of("n", "offset")) {
            long value = config.getLong(key);
            if (value < 0) {
                problems.add(new ConfigProblem(key, "config key '" + key + "' must be 0 or more, got " + value));
            }
        }
        return problems;
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        if (context.inputs().size() != 1) {
            context.report(oneInput(context.inputs()));
            return Optional.empty();
        }
        return context.input(context.inputs().get(0));
    }

    private static ConfigProblem oneInput(List<String> inputs) {
        return new ConfigProblem(null, "limit.apply takes exactly one input, but the pipeline lists " + inputs.size()
                + (inputs.isEmpty() ? "" : " (" + String.join(", ", inputs) + ")")
                + "; combine several with union.apply first");
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        if (inputs.size() != 1) {
            ConfigProblem problem = oneInput(inputs);
            throw StageException.config(problem.key(), problem.message());
        }
        return new LimitTask(config.getLong("n"), config.getLong("offset"), context);
    }

    /** Counts rows through; forwards whole batches, slices the one where the window starts or ends. */
    private static final class LimitTask implements TransformTask {

        private final StageContext context;
        private long toSkip;
        private long toPass;
        private boolean seenBatch;

        LimitTask(long n, long offset, StageContext context) {
            this.toPass = n;
            this.toSkip = offset;
            this.context = context;
        }

        /** Reads until n rows have passed, and at least one batch, whose columns an empty result needs. */
        @Override
        public boolean accepts(String input) {
            return !seenBatch || toPass > 0;
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            boolean first = !seenBatch;
            seenBatch = true;
            int rows = batch.getRowCount();
            int skip = (int) Math.min(toSkip, rows);
            int pass = (int) Math.min(toPass, rows - skip);
            toSkip -= skip;
            toPass -= pass;
            if (pass == rows && rows > 0) {
                out.emit(batch);
            } else if (pass > 0) {
                out.emit(Vectors.slice(batch, skip, pass, context.allocator()));
            } else if (first) {
                out.emit(rows == 0 ? batch : Vectors.empty(batch.getSchema(), context.allocator()));
            }
        }
    }
}
