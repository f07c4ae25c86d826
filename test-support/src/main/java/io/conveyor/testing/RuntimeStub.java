package io.conveyor.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.api.runtime.ValidationDTO;

/**
 * A {@link ConveyorRuntime} for tests of code that calls one (the shell's commands, the deployer):
 * every method throws, naming itself, so a test overrides only the calls it expects, and an
 * unexpected call fails the test instead of returning something made up.
 */
public abstract class RuntimeStub implements ConveyorRuntime {

    private static UnsupportedOperationException unexpected(String method) {
        return new UnsupportedOperationException("this test does not expect ConveyorRuntime." + method);
    }

    @Override
    public List<FunctionDTO> functions() {
        throw unexpected("functions()");
    }

    @Override
    public Optional<FunctionDTO> function(String name) {
        throw unexpected("function(" + name + ")");
    }

    @Override
    public ValidationDTO validate(RunRequest request) {
        throw unexpected("validate(" + request.pipelineFile() + ")");
    }

    @Override
    public PipelineDescriptionDTO describe(RunRequest request) {
        throw unexpected("describe(" + request.pipelineFile() + ")");
    }

    @Override
    public RunReportDTO run(RunRequest request) {
        throw unexpected("run(" + request.pipelineFile() + ")");
    }

    @Override
    public List<StageUseDTO> stagesInUse() {
        throw unexpected("stagesInUse()");
    }

    @Override
    public List<RunningPipelineDTO> running() {
        throw unexpected("running()");
    }

    @Override
    public TapDTO tap(String pipelineName, String stageId, int limit, Duration timeout) {
        throw unexpected("tap(" + pipelineName + ", " + stageId + ")");
    }
}
