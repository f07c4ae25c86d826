package io.conveyor.deploy.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunRecordDTO;

/**
 * Deploys the {@code *.toml} files FileInstall finds in the pipelines folder (through
 * {@link PipelineFiles}), and serves {@link PipelineDeployments}. In a server ({@link ServerFolders})
 * it also has FileInstall watch that folder ({@code pipelines.dir}, every {@code poll.millis});
 * elsewhere the folder is the framework property {@value ServerFolders#PIPELINES_DIR}, or any
 * watched folder when it is not set. Owns the deployer's threads: created on activation, stopped in
 * {@link #deactivate()} after every run.
 */
@Component(service = PipelineDeployments.class, immediate = true, configurationPid = PipelineDeployer.PID)
public final class PipelineDeployer implements PipelineDeployments {

    /** The configuration of the deployer and of the watched folders ({@link FolderSettings}). */
    static final String PID = "io.conveyor.deploy";

    /** Configuration (PID {@value #PID}; DS maps the method names' {@code _} to {@code .}). */
    public @interface Config {
        /** {@code history.size}: how many runs each pipeline's history keeps. */
        int history_size() default 20;
    }

    /** The framework property naming the server's home, which deployed runs take as working directory. */
    static final String HOME = "conveyor.home";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineDeployer.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private final ExecutorService deployer = Executors.newSingleThreadExecutor(threads("conveyor-deployer"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("conveyor-schedule"));
    private final ExecutorService runs = Executors.newCachedThreadPool(threads("conveyor-deployed-run"));
    private final Deployments deployments;
    private final Optional<ServerFolders> server;
    private final FileInstallWatcher watcher;
    private final ServiceRegistration<ArtifactInstaller> installer;

    /**
     * FileInstall takes the installer into its list before {@code registerService} returns, so the
     * watcher, configured afterwards, never sees a pipeline file without it. {@code plugins} is
     * there for its order only (see {@link BundleFolderWatcher}).
     */
    @Activate
    public PipelineDeployer(@Reference ConveyorRuntime runtime, @Reference ConfigurationAdmin admin,
            @Reference BundleFolderWatcher plugins, Config config, FolderSettings folders, BundleContext context) {
        String home = context.getProperty(HOME);
        Path workingDirectory = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        this.deployments = new Deployments(runtime, deployer, timer, runs,
                new Deployments.Settings(workingDirectory, System.getenv(), System.out), Clock.systemDefaultZone(),
                config.history_size());
        this.server = ServerFolders.of(context::getProperty);
        this.watcher = new FileInstallWatcher(admin, "conveyor.pipelines");
        if (server.isEmpty()) {
            String folder = context.getProperty(ServerFolders.PIPELINES_DIR);
            deployments.useFolder(folder == null ? null : Path.of(folder).toAbsolutePath().normalize());
        }
        Optional<WatchedFolders> watched = server.flatMap(s -> usePipelinesFolder(folders));
        this.installer = context.registerService(ArtifactInstaller.class, new PipelineFiles(deployments), null);
        watched.ifPresent(this::watchPipelines);
    }

    @Modified
    void modified(Config config, FolderSettings folders) {
        deployments.useHistorySize(config.history_size());
        server.flatMap(s -> usePipelinesFolder(folders)).ifPresent(this::watchPipelines);
    }

    /**
     * Deploys the files of the configured folder from now on (the pipelines of the previous one
     * are undeployed); empty when the folder cannot be created, which leaves everything as it was
     * ({@link BundleFolderWatcher} reports unusable settings).
     */
    private Optional<WatchedFolders> usePipelinesFolder(FolderSettings settings) {
        WatchedFolders folders = server.orElseThrow().resolve(settings);
        try {
            Path folder = FileInstallWatcher.prepare(folders.pipelines());
            deployments.useFolder(folder);
            return Optional.of(new WatchedFolders(folders.deploy(), folder, folders.pollMillis(), folders.problems()));
        } catch (IOException e) {
            keepFolder(folders.pipelines(), e);
            return Optional.empty();
        }
    }

    private void keepFolder(Path unusable, IOException why) {
        Path current = deployments.folder();
        LOG.error("{}: cannot watch {} for pipeline files ({}); {}", PID, unusable, why,
                current == null ? "no folder is watched for them" : "still watching " + current);
        if (current == null) {
            deployments.useFolder(unusable); // rather than take the .toml files of the other watched folders
        }
    }

    /** Has FileInstall's watcher look at the folder the deployments use, at the poll asked. */
    private void watchPipelines(WatchedFolders folders) {
        try {
            if (watcher.watch(server.orElseThrow().pipelinesWatcher(folders.pipelines(), folders.pollMillis()))) {
                LOG.info("Watching {} for pipeline files every {} ms", folders.pipelines(), folders.pollMillis());
            }
        } catch (IOException e) {
            LOG.error("{}: cannot have FileInstall watch {} ({})", PID, folders.pipelines(), e.toString());
        }
    }

    /** Stops watching, then every run, then the threads; waits a bounded time for runs that take long to stop. */
    @Deactivate
    void deactivate() throws InterruptedException {
        if (server.isPresent()) {
            // a new activation starts a new watcher, whose first look deploys every file again
            watcher.stop();
        }
        installer.unregister();
        deployer.shutdownNow();
        timer.shutdownNow();
        deployments.close();
        runs.shutdown();
        if (!runs.awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("Some deployed pipeline runs did not stop within {} s", SHUTDOWN_WAIT.toSeconds());
            runs.shutdownNow();
        }
    }

    @Override
    public List<DeploymentDTO> deployments() {
        return deployments.deployments();
    }

    @Override
    public Optional<DeploymentDTO> deployment(String name) {
        return deployments.deployment(name);
    }

    @Override
    public Optional<DeploymentDTO> start(String name) {
        return deployments.start(name);
    }

    @Override
    public Optional<DeploymentDTO> stop(String name) {
        return deployments.stop(name);
    }

    @Override
    public Optional<PipelineDescriptionDTO> describe(String name) {
        return deployments.describe(name);
    }

    @Override
    public Optional<List<RunRecordDTO>> history(String name) {
        return deployments.history(name);
    }

    /** Daemon threads, so that a run that never returns cannot keep the JVM alive. */
    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
