package io.conveyor.itests.bad.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/**
 * {@code bad.stuck}: a plugin that does not stop when asked. Opening its task takes until the
 * file {@code release} exists, whatever the run says ({@link StageContext#isStopped()}) and
 * however often its thread is interrupted; the task then drops its input. It blocks in
 * {@code open}, which every run reaches, so a test does not depend on data reaching it in time.
 */
@Component(property = {Stage.FUNCTION + "=" + StuckTransform.FUNCTION, Stage.ROLE + "=transform"})
public class StuckTransform implements Transform {

    static final String FUNCTION = "bad.stuck";

    private static final long POLL_MILLIS = 20;

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Ignores cancellation and interrupts until a file appears, to test how the engine"
                    + " reports a stuck plugin.")
            .parameter(Parameter.builder("release", ParameterType.STRING).required()
                    .description("The file whose creation lets the stage open.").build())
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
        waitFor(config.getPath("release"));
        return (input, batch, out) -> {
        };
    }

    private static void waitFor(Path release) {
        boolean interrupted = false;
        while (!Files.exists(release)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true; // ignored on purpose, but kept for whoever owns the thread
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
