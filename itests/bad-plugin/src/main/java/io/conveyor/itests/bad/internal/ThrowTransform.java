package io.conveyor.itests.bad.internal;

import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/**
 * {@code bad.throw}: a plugin crashing. Throws the configured {@link Throwable} from the
 * configured step of its task: {@code open}, {@code process} (the first batch), {@code finish} or
 * {@code close}. A {@code StackOverflowError} is a real one, from unbounded recursion.
 */
@Component(property = {Stage.FUNCTION + "=" + ThrowTransform.FUNCTION, Stage.ROLE + "=transform"})
public class ThrowTransform implements Transform {

    static final String FUNCTION = "bad.throw";

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Throws the configured throwable from one step of its task, to test how the engine"
                    + " contains a crashing plugin.")
            .parameter(Parameter.builder("throwable", ParameterType.STRING).required()
                    .allowedValues("StackOverflowError", "OutOfMemoryError", "RuntimeException")
                    .description("What to throw.").build())
            .parameter(Parameter.builder("in", ParameterType.STRING).defaultValue("process")
                    .allowedValues("open", "process", "finish", "close")
                    .description("The step that throws.").build())
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
        String throwable = config.getString("throwable");
        String step = config.getString("in");
        throwIf(step.equals("open"), throwable);
        return new TransformTask() {
            @Override
            public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                throwIf(step.equals("process"), throwable);
                out.emit(batch);
            }

            @Override
            public void finish(Emitter out) {
                throwIf(step.equals("finish"), throwable);
            }

            @Override
            public void close() {
                throwIf(step.equals("close"), throwable);
            }
        };
    }

    private static void throwIf(boolean now, String throwable) {
        if (!now) {
            return;
        }
        switch (throwable) {
            case "StackOverflowError" -> recurse(0);
            case "OutOfMemoryError" -> throw new OutOfMemoryError("bad.throw ran out of memory on purpose");
            default -> throw new RuntimeException("bad.throw failed on purpose");
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
