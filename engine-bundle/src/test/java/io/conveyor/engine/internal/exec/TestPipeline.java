package io.conveyor.engine.internal.exec;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
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
import io.conveyor.engine.internal.model.RunDefaults;
import io.conveyor.engine.internal.model.StageSpec;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.PlannedStage;

/**
 * Builds a {@link Plan} by hand (stages listed in topological order, at lines 10, 20, 30...)
 * and serves its stages from instances, counting every lease taken and released. A stage's
 * service can be replaced or withdrawn during a run, as a plugin upgrade does: the leases of the
 * old one are revoked.
 */
public final class TestPipeline implements StageSupplier {

    private final String name;
    private final BufferAllocator engineAllocator;
    private final List<StageSpec> specs = new ArrayList<>();
    private final List<StageRole> roles = new ArrayList<>();
    private final Map<String, Stage> services = new HashMap<>();
    /** What {@link #acquire} serves per function, and as which provider; guarded by {@code this}. */
    private final Map<String, Stage> offered = new HashMap<>();
    private final Map<String, String> providers = new HashMap<>();
    private final List<Lease> open = new ArrayList<>();
    private long upgradeWaitMillis = ExecutionSettings.DEFAULT_UPGRADE_WAIT_SECONDS * 1000;
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

    public TestPipeline upgradeWaitMillis(long millis) {
        this.upgradeWaitMillis = millis;
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
        synchronized (this) {
            offered.put(service.descriptor().function(), service);
            providers.put(service.descriptor().function(), "io.conveyor.test 1.0.0");
        }
        return this;
    }

    public Plan plan() {
        GlobalSpec defaults = GlobalSpec.defaults();
        GlobalSpec global = new GlobalSpec(Map.of(), timeoutSeconds, channelBufferSize, 3,
                defaults.concurrency(), List.of(), List.of(), "info", "dag", null, null, Set.of("timeout_seconds"));
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
                new ExecutionSettings(64L << 20, 8192, stopGraceMillis, upgradeWaitMillis,
                        RunDefaults.ORIGINAL),
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

    /**
     * Replaces the service of its function, as an upgrade of its bundle to {@code provider} does:
     * the old one is withdrawn first, then the new one offered.
     */
    public void upgrade(Stage service, String provider) {
        String function = service.descriptor().function();
        withdraw(function);
        synchronized (this) {
            offered.put(function, service);
            providers.put(function, provider);
            notifyAll();
        }
    }

    /**
     * Withdraws the service of {@code function}, as stopping its bundle does: revokes its leases
     * and, as the registry's unbind does, waits (up to 10 s) until the runs that move off it have
     * closed theirs.
     */
    public void withdraw(String function) {
        List<Lease> moving = new ArrayList<>();
        synchronized (this) {
            offered.remove(function);
            for (Lease lease : open) {
                if (lease.function.equals(function)) {
                    lease.revoked = true;
                    if (lease.wake != null) {
                        lease.wake.run();
                        moving.add(lease);
                    }
                }
            }
        }
        for (Lease lease : moving) {
            try {
                lease.closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized StageLease acquire(String function, StageRole role) throws StageException {
        Stage stage = offered.get(function);
        if (stage == null || stage.descriptor().role() != role || function.startsWith("gone.")) {
            throw new StageException(ErrorCode.PLUGIN, "function '" + function + "' is not available");
        }
        leased.incrementAndGet();
        Lease lease = new Lease(function, stage, providers.get(function));
        open.add(lease);
        return lease;
    }

    @Override
    public synchronized StageLease await(String function, StageRole role, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!offered.containsKey(function)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        try {
            return acquire(function, role);
        } catch (StageException e) {
            return null;
        }
    }

    private final class Lease implements StageLease {
        final String function;
        final Stage stage;
        final String provider;
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean revoked;
        volatile Runnable wake;

        Lease(String function, Stage stage, String provider) {
            this.function = function;
            this.stage = stage;
            this.provider = provider;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public boolean revoked() {
            return revoked;
        }

        @Override
        public void moveOnRevoke(Runnable wake) {
            this.wake = wake;
        }

        @Override
        public void close() {
            closed.countDown();
            synchronized (TestPipeline.this) {
                open.remove(this);
            }
            released.incrementAndGet();
        }
    }
}
