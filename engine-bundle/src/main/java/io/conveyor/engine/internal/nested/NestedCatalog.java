package io.conveyor.engine.internal.nested;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.plan.FunctionCatalog;

/**
 * The functions a sub-pipeline may use: those of the calling pipeline, with {@code pipeline.input}
 * bound to the calling stage's inputs, and the engine's capture sink.
 */
final class NestedCatalog implements FunctionCatalog {

    private final FunctionCatalog base;
    private final Stage input;
    private final Stage capture;

    NestedCatalog(FunctionCatalog base, Stage input, Stage capture) {
        this.base = base;
        this.input = input;
        this.capture = capture;
    }

    @Override
    public Optional<StageDescriptor> descriptor(String function, StageRole role) {
        Optional<Stage> own = own(function, role);
        return own.isPresent() ? own.map(Stage::descriptor) : base.descriptor(function, role);
    }

    @Override
    public Collection<String> functionNames() {
        TreeSet<String> names = new TreeSet<>(base.functionNames());
        names.add(Descriptors.PIPELINE_INPUT);
        return names;
    }

    @Override
    public Optional<Stage> stage(String function, StageRole role) {
        Optional<Stage> own = own(function, role);
        return own.isPresent() ? own : base.stage(function, role);
    }

    private Optional<Stage> own(String function, StageRole role) {
        if (Descriptors.PIPELINE_INPUT.equals(function) && role == StageRole.SOURCE) {
            return Optional.of(input);
        }
        if (Descriptors.PIPELINE_OUTPUT.equals(function) && role == StageRole.SINK) {
            return Optional.of(capture);
        }
        return Optional.empty();
    }
}
