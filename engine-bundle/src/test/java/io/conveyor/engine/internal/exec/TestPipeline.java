package io.conveyor.engine.internal.exec;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.arrow.memory.BufferAllocator;

import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.StageSpec;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.PlannedStage;

/**
 * Builds a {@link Plan} by hand (stages listed in topological order, at lines 10, 20, 30...)
 * and serves its stages from instances, counting every lease taken and released.
 */
public final class TestPipeline implements StageSupplier {

    private final String name;
    private final BufferAllocator engineAllocator;
    private final List<StageSpec> specs = new ArrayList<>();
    private final List<StageRole> roles = new ArrayList<>();
    private final Map<String, Stage> services = new HashMap<>();
    private long timeoutSeconds = GlobalSpec.DEFAULT_TIMEOUT_SECONDS;
    private int channelBufferSize = GlobalSpec.DEFAULT_CHANNEL_BUFFER_SIZE;
    private long stopGraceMillis = 5_000;
    private final AtomicInteger leased = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PipelineRun lastRun;

    /** @param engineAllocator the allocator runs take theirs from, as the engine's root */
    public TestPipeline(String name, BufferAllocator engineAllocator) {
        this.name = name;
        this.engineAllocator = engineAllocator;
    }

    public TestPipeline timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    public TestPipeline stopGraceMillis(long millis) {
        this.stopGraceMillis = millis;
        return this;
    }

    public TestPipeline channelBufferSize(int size) {
        this.channelBufferSize = size;
        return this;
    }

    public TestPipeline stage(String id, Stage service, String... inputs) {
        Location location = new Location("p.toml", 10 * (specs.size() + 1), 1);
        specs.add(new StageSpec(id, service.descriptor().function(), List.of(inputs), Map.of(), location,
                Map.of("path", new Location("p.toml", 10 * (specs.size() + 1) + 3, 1)), List.of(), location));
        roles.add(service.descriptor().role());
        services.put(service.descriptor().function(), service);
        return this;
    }

    public Plan plan() {
        GlobalSpec defaults = GlobalSpec.defaults();
        GlobalSpec global = new GlobalSpec(Map.of(), timeoutSeconds, channelBufferSize, 3,
                defaults.concurrency(), List.of(), List.of(), "info", "dag", null);
        PipelineSpec spec = new PipelineSpec("p.toml", name, "1.0.0", "", global, List.copyOf(specs));
        List<PlannedStage> stages = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            StageSpec stage = specs.get(i);
            List<String> consumers = specs.stream().filter(s -> s.inputs().contains(stage.id()))
                    .map(StageSpec::id).toList();
            stages.add(new PlannedStage(stage, roles.get(i), services.get(stage.function()).descriptor(),
                    TestStageConfig.empty(), consumers));
        }
        return new Plan(spec, stages);
    }

    /** Creates the run, without executing it. */
    public PipelineRun prepare(ExecutorService executor) {
        lastRun = new PipelineRun(plan(), this, executor, engineAllocator,
                new ExecutionSettings(64L << 20, 8192, stopGraceMillis),
                new RunIO(new ByteArrayInputStream(new byte[0]), new PrintStream(stdout, true)));
        return lastRun;
    }

    public RunReportDTO run(ExecutorService executor) {
        return prepare(executor).execute();
    }

    public PipelineRun lastRun() {
        return lastRun;
    }

    public int leased() {
        return leased.get();
    }

    public int released() {
        return released.get();
    }

    @Override
    public StageLease acquire(String function, StageRole role) throws StageException {
        Stage stage = services.get(function);
        if (stage == null || stage.descriptor().role() != role || function.startsWith("gone.")) {
            throw new StageException(ErrorCode.PLUGIN, "function '" + function + "' is not available");
        }
        leased.incrementAndGet();
        return new StageLease() {
            @Override
            public Stage stage() {
                return stage;
            }

            @Override
            public String provider() {
                return "io.conveyor.test 1.0.0";
            }

            @Override
            public void close() {
                released.incrementAndGet();
            }
        };
    }
}
