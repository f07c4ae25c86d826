package io.conveyor.engine.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.exec.MockStages;
import io.conveyor.engine.internal.exec.StageLease;
import io.conveyor.engine.internal.exec.MockStages.CollectingSink;
import io.conveyor.engine.internal.exec.MockStages.GatedSource;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.registry.ProviderTable;
import io.conveyor.engine.internal.registry.StageKey;
import io.conveyor.engine.internal.registry.StageProvider;
import io.conveyor.engine.internal.registry.StageRegistry;

/** The DS component itself, constructed and driven by hand as SCR would. */
class ConveyorRuntimeImplTest {

    private static final long MIB = 1L << 20;
    private static final String PIPELINE = """
            [pipeline]
            name = "numbers"

            [[stages]]
            id = "src"
            function = "FUNCTION"

            [[stages]]
            id = "out"
            function = "collect.write"
            inputs = ["src"]
            """;

    @TempDir
    Path dir;

    private final ProviderTable table = new ProviderTable();
    private final AtomicLong serviceIds = new AtomicLong(100);
    private final StageRegistry registry = new StageRegistry(table, provider -> new StageLease() {
        @Override
        public Stage stage() {
            return provider.stage();
        }

        @Override
        public String provider() {
            return provider.providerName();
        }

        @Override
        public void close() {
        }
    });

    private static ConveyorRuntimeImpl.Config config(long memoryLimitBytes, long stopGraceMillis) {
        return config(memoryLimitBytes, stopGraceMillis, GlobalSpec.DEFAULT_MAX_PARALLEL_TASKS);
    }

    private static ConveyorRuntimeImpl.Config config(long memoryLimitBytes, long stopGraceMillis,
            int defaultMaxParallelTasks) {
        return new ConveyorRuntimeImpl.Config() {
            @Override
            public long memory_limit_bytes() {
                return memoryLimitBytes;
            }

            @Override
            public long stop_grace_millis() {
                return stopGraceMillis;
            }

            @Override
            public long upgrade_wait_seconds() {
                return ExecutionSettings.DEFAULT_UPGRADE_WAIT_SECONDS;
            }

            @Override
            public long default_timeout_seconds() {
                return GlobalSpec.DEFAULT_TIMEOUT_SECONDS;
            }

            @Override
            public int default_max_parallel_tasks() {
                return defaultMaxParallelTasks;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ConveyorRuntimeImpl.Config.class;
            }
        };
    }

    private void register(Stage stage) {
        StageDescriptor descriptor = stage.descriptor();
        table.add(new StageProvider(new StageKey(descriptor.function(), descriptor.role()),
                serviceIds.incrementAndGet(), 0, "io.conveyor.test", Version.parseVersion("1.0.0"), descriptor, stage,
                null));
    }

    private RunRequest request(String sourceFunction) throws IOException {
        Files.writeString(dir.resolve("p.toml"), PIPELINE.replace("FUNCTION", sourceFunction));
        return RunRequest.of(Path.of("p.toml")).withWorkingDirectory(dir).withEnvironment(Map.of())
                .withStreams(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()));
    }

    private static String problems(RunReportDTO report) {
        return String.join("\n", report.problems.stream().map(ProblemDTO::toString).toList());
    }

    /** Records the context of every task it opens; each task emits one row once the gate opens. */
    private static final class RecordingSource implements Source {
        final BlockingQueue<StageContext> opened = new LinkedBlockingQueue<>();
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("recording.read", StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            opened.add(context);
            return new SourceTask() {
                boolean done;

                @Override
                public boolean produce(Emitter out) throws StageException {
                    if (done) {
                        return false;
                    }
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        throw StageException.cancelled();
                    }
                    done = true;
                    out.emit(MockStages.numbers(context.allocator(), 0, 1));
                    return true;
                }
            };
        }
    }

    @Test
    void modifiedSettingsApplyToNewRunsAndLeaveRunningOnesAlone() throws Exception {
        RecordingSource source = new RecordingSource();
        register(source);
        register(new CollectingSink("collect.write"));
        ConveyorRuntimeImpl runtime = new ConveyorRuntimeImpl(registry, config(32 * MIB, 5_000), RuntimeMode.SERVER);
        try {
            RunRequest request = request("recording.read");
            CompletableFuture<RunReportDTO> first = CompletableFuture.supplyAsync(() -> runtime.run(request));
            StageContext firstContext = source.opened.poll(30, TimeUnit.SECONDS);

            runtime.modified(config(16 * MIB, 5_000));
            CompletableFuture<RunReportDTO> second = CompletableFuture.supplyAsync(() -> runtime.run(request));
            StageContext secondContext = source.opened.poll(30, TimeUnit.SECONDS);
            List<Long> limits = List.of(firstContext.allocator().getParentAllocator().getLimit(),
                    secondContext.allocator().getParentAllocator().getLimit(), runtime.allocator().getLimit());
            source.gate.countDown();

            assertEquals(List.of(32 * MIB, 16 * MIB, 16 * MIB), limits);
            assertEquals("", problems(first.get(30, TimeUnit.SECONDS)));
            assertEquals("", problems(second.get(30, TimeUnit.SECONDS)));
        } finally {
            source.gate.countDown();
            runtime.deactivate();
        }
        assertEquals(List.of(), List.copyOf(runtime.allocator().getChildAllocators()));
    }

    @Test
    void modifiedDefaultParallelTasksApplyToNewRunsWhoseFileSetsNone() throws Exception {
        RecordingSource source = new RecordingSource();
        source.gate.countDown();
        register(source);
        register(new CollectingSink("collect.write"));
        ConveyorRuntimeImpl runtime = new ConveyorRuntimeImpl(registry, config(32 * MIB, 5_000), RuntimeMode.SERVER);
        try {
            RunRequest unset = request("recording.read");
            assertEquals("", problems(runtime.run(unset)));
            runtime.modified(config(32 * MIB, 5_000, 2));
            assertEquals("", problems(runtime.run(unset)));
            Files.writeString(dir.resolve("p.toml"), PIPELINE.replace("FUNCTION", "recording.read")
                    .replace("name = \"numbers\"", "name = \"numbers\"\n\n[global]\nmax_parallel_tasks = 3"));
            assertEquals("", problems(runtime.run(unset)));

            assertEquals(List.of(4, 2, 3), source.opened.stream().map(StageContext::parallelism).toList());
        } finally {
            runtime.deactivate();
        }
    }

    @Test
    void stagesInUseAreTheServicesHeldByRunsInProgress() throws Exception {
        RecordingSource source = new RecordingSource();
        register(source);
        register(new CollectingSink("collect.write"));
        ConveyorRuntimeImpl runtime = new ConveyorRuntimeImpl(registry, config(32 * MIB, 5_000), RuntimeMode.SERVER);
        try {
            RunRequest request = request("recording.read");
            CompletableFuture<RunReportDTO> run = CompletableFuture.supplyAsync(() -> runtime.run(request));
            assertNotNull(source.opened.poll(30, TimeUnit.SECONDS));
            List<String> whileRunning = uses(runtime);
            source.gate.countDown();
            assertEquals("", problems(run.get(30, TimeUnit.SECONDS)));

            assertEquals(List.of("numbers source recording.read io.conveyor.test 1.0.0",
                    "numbers sink collect.write io.conveyor.test 1.0.0"), whileRunning);
            assertEquals(List.of(), uses(runtime));
        } finally {
            source.gate.countDown();
            runtime.deactivate();
        }
    }

    private static List<String> uses(ConveyorRuntimeImpl runtime) {
        return runtime.stagesInUse().stream()
                .map(use -> use.pipelineName + " " + use.role + " " + use.function + " " + use.provider).toList();
    }

    @Test
    void deactivateWaitsOnlyTheStopGraceForAStageThatIgnoresInterrupts() throws Exception {
        GatedSource stuck = new GatedSource("stuck.read", true);
        register(stuck);
        register(new CollectingSink("collect.write"));
        ConveyorRuntimeImpl runtime = new ConveyorRuntimeImpl(registry, config(32 * MIB, 50), RuntimeMode.SERVER);
        RunRequest request = request("stuck.read");
        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(() -> runtime.run(request));
        assertTrue(stuck.blocked.await(30, TimeUnit.SECONDS));
        RunReportDTO ended;
        try {
            // bounded well below the old wait of 10 s for the runs and 5 s for the threads
            CompletableFuture.runAsync(runtime::deactivate).get(5, TimeUnit.SECONDS);
            // the stage is let go only once the run has given up on it: deactivate's wait and the
            // run's two grace periods end at about the same time, and the report must not race them
            ended = report.get(30, TimeUnit.SECONDS);
        } finally {
            stuck.gate.countDown();
        }

        assertEquals("p.toml: error[CANCELLED]: pipeline 'numbers' was stopped\n"
                + "p.toml:4:1: error[PLUGIN]: stage 'src' (stuck.read, plugin io.conveyor.test 1.0.0) is stuck: it "
                + "did not stop within 100 ms after the run stopped",
                problems(ended));
        // the run gives its memory back once the stage finally returns; then the allocator can close
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!runtime.allocator().getChildAllocators().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the run's allocator was never closed");
            LockSupport.parkNanos(1_000_000);
        }
        assertEquals(0, runtime.allocator().getAllocatedMemory());
        runtime.allocator().close();
    }

    @Test
    void deactivateClosesTheEngineAllocatorWhenEveryRunIsDone() throws Exception {
        RecordingSource source = new RecordingSource();
        source.gate.countDown();
        register(source);
        register(new CollectingSink("collect.write"));
        ConveyorRuntimeImpl runtime = new ConveyorRuntimeImpl(registry, config(32 * MIB, 50), RuntimeMode.SERVER);
        assertEquals("", problems(runtime.run(request("recording.read"))));

        runtime.deactivate();

        assertEquals("p.toml: error[CANCELLED]: pipeline 'numbers' was stopped",
                problems(runtime.run(request("recording.read"))));
        // assertOpen() checks only with assertions enabled, as they are in tests
        assertThrows(IllegalStateException.class, runtime.allocator()::assertOpen);
    }
}
