package io.conveyor.engine.internal.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.api.runtime.ValidationDTO;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.RunDefaults;
import io.conveyor.engine.internal.registry.StageRegistry;

/**
 * The {@link ConveyorRuntime} service. Owns the threads stages run on and the engine's Arrow root
 * allocator (the server-wide memory limit; each run takes a child of it): both created on
 * activation, and released in {@link #deactivate()} after every running pipeline.
 *
 * <p>A configuration change ({@link #modified}) applies to the runs that start afterwards;
 * running ones keep the settings they started with. The server-wide memory limit changes at once.
 *
 * <p>The functions the engine serves itself ({@code stage.pipeline}, {@code pipeline.input}) are
 * registered as stage services while the component is active, so that the registry, listings and
 * {@code info} treat them like any plugin's (provider {@code io.conveyor.engine}).
 */
@Component(service = ConveyorRuntime.class, configurationPid = ConveyorRuntimeImpl.PID)
public final class ConveyorRuntimeImpl implements ConveyorRuntime {

    static final String PID = "io.conveyor.engine";

    /** Configuration (PID {@code io.conveyor.engine}). */
    public @interface Config {
        /** The most Arrow memory all runs together may hold, and each run on its own, in bytes. */
        long memory_limit_bytes() default ExecutionSettings.DEFAULT_MEMORY_LIMIT;

        /** How long a stopping run waits for its stages, before interrupting them, in milliseconds. */
        long stop_grace_millis() default ExecutionSettings.DEFAULT_STOP_GRACE_MILLIS;

        /**
         * How long a continuous run waits for the new version of a plugin whose bundle was replaced
         * (or stopped) before it stops with an error, in seconds.
         */
        long upgrade_wait_seconds() default ExecutionSettings.DEFAULT_UPGRADE_WAIT_SECONDS;

        /** The wall-clock limit of a run whose file does not set {@code [global] timeout_seconds}. */
        long default_timeout_seconds() default GlobalSpec.DEFAULT_TIMEOUT_SECONDS;

        /** The threads a stage may use for its own work when the file does not set {@code [global] max_parallel_tasks}. */
        int default_max_parallel_tasks() default GlobalSpec.DEFAULT_MAX_PARALLEL_TASKS;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConveyorRuntimeImpl.class);

    private final ExecutorService executor;
    private final BufferAllocator allocator;
    private final PipelineService service;
    private final List<ServiceRegistration<?>> engineStages = new ArrayList<>();

    /** Reads the launch mode from the framework property {@value RuntimeMode#PROPERTY}. */
    @Activate
    public ConveyorRuntimeImpl(@Reference StageRegistry registry, Config config, BundleContext context) {
        this(registry, config, RuntimeMode.of(context.getProperty(RuntimeMode.PROPERTY)));
        service.engineStages().forEach(stage -> engineStages.add(register(context, stage)));
    }

    private static ServiceRegistration<?> register(BundleContext context, Stage stage) {
        StageRole role = stage.descriptor().role();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Stage.FUNCTION, stage.descriptor().function());
        properties.put(Stage.ROLE, role.id());
        return switch (role) {
            case SOURCE -> context.registerService(Source.class, (Source) stage, properties);
            case TRANSFORM -> context.registerService(Transform.class, (Transform) stage, properties);
            case SINK -> context.registerService(Sink.class, (Sink) stage, properties);
        };
    }

    ConveyorRuntimeImpl(StageRegistry registry, Config config, RuntimeMode mode) {
        ExecutionSettings settings = settings(config);
        this.allocator = new RootAllocator(settings.memoryLimitBytes());
        this.executor = Executors.newCachedThreadPool(new StageThreads());
        this.service = new PipelineService(registry, executor, allocator, settings, mode);
    }

    @Modified
    void modified(Config config) {
        ExecutionSettings settings = settings(config);
        allocator.setLimit(settings.memoryLimitBytes());
        service.useSettings(settings);
    }

    /**
     * Stops every run and waits one stop grace period for them, then interrupts every stage
     * thread; runs give up on stages that still do not stop after their own second grace period,
     * so this returns after about two grace periods at most.
     */
    @Deactivate
    void deactivate() {
        engineStages.forEach(ConveyorRuntimeImpl::unregister);
        Duration grace = Duration.ofMillis(service.settings().stopGraceMillis());
        boolean ended = service.close(grace);
        executor.shutdownNow();
        if (!ended && !service.awaitNoRuns(grace)) {
            LOG.warn("Some pipeline runs did not end at shutdown");
        }
        closeAllocator();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }

    private void closeAllocator() {
        if (allocator.getAllocatedMemory() > 0 || !allocator.getChildAllocators().isEmpty()) {
            // Stages that did not stop (or leaked) still hold it; closing would throw.
            LOG.warn("Engine allocator left open at shutdown: {} run allocators still hold {} bytes, for stages"
                    + " that leaked or did not stop", allocator.getChildAllocators().size(),
                    allocator.getAllocatedMemory());
            return;
        }
        allocator.close();
    }

    /** The engine's root allocator, for tests. */
    BufferAllocator allocator() {
        return allocator;
    }

    private static ExecutionSettings settings(Config config) {
        return new ExecutionSettings(config.memory_limit_bytes(), ExecutionSettings.DEFAULT_BATCH_SIZE,
                config.stop_grace_millis(), TimeUnit.SECONDS.toMillis(config.upgrade_wait_seconds()),
                runDefaults(config));
    }

    /** The configured defaults; a value below 1 is a mistake in the file, logged, and the original default used. */
    private static RunDefaults runDefaults(Config config) {
        long timeout = config.default_timeout_seconds();
        int parallel = config.default_max_parallel_tasks();
        if (timeout < 1) {
            LOG.warn("{}: default.timeout.seconds must be at least 1, got {}; using {}", PID, timeout,
                    GlobalSpec.DEFAULT_TIMEOUT_SECONDS);
            timeout = GlobalSpec.DEFAULT_TIMEOUT_SECONDS;
        }
        if (parallel < 1) {
            LOG.warn("{}: default.max.parallel.tasks must be at least 1, got {}; using {}", PID, parallel,
                    GlobalSpec.DEFAULT_MAX_PARALLEL_TASKS);
            parallel = GlobalSpec.DEFAULT_MAX_PARALLEL_TASKS;
        }
        return new RunDefaults(timeout, parallel);
    }

    @Override
    public List<FunctionDTO> functions() {
        return service.functions();
    }

    @Override
    public Optional<FunctionDTO> function(String name) {
        return service.function(name);
    }

    @Override
    public ValidationDTO validate(RunRequest request) {
        return service.validate(request);
    }

    @Override
    public PipelineDescriptionDTO describe(RunRequest request) {
        return service.describe(request);
    }

    @Override
    public RunReportDTO run(RunRequest request) {
        return service.run(request);
    }

    @Override
    public List<StageUseDTO> stagesInUse() {
        return service.stagesInUse();
    }

    @Override
    public List<RunningPipelineDTO> running() {
        return service.running();
    }

    @Override
    public TapDTO tap(String pipelineName, String stageId, int limit, Duration timeout) {
        return service.tap(pipelineName, stageId, limit, timeout);
    }

    /** Daemon threads, so a stage that never returns cannot keep the JVM alive. */
    private static final class StageThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "conveyor-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
