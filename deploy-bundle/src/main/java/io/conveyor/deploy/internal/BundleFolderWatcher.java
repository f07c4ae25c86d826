package io.conveyor.deploy.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a server, has FileInstall watch the plugin bundles' folder ({@code deploy.dir}, every
 * {@code poll.millis}), and reports each unusable folder setting of PID {@value PipelineDeployer#PID}.
 * Needs ConfigAdmin only, so that plugins can be dropped in even while the engine is down. A
 * service only so that {@link PipelineDeployer} can wait for it: the plugins' watcher is configured
 * first, and FileInstall, which applies its configurations one after the other, installs the
 * plugins already in the folder before it looks at the pipelines that may use them.
 * A changed folder is watched from then on; the bundles installed from the previous one stay
 * installed (runs may be using them) until the server restarts.
 */
@Component(service = BundleFolderWatcher.class, immediate = true, configurationPid = PipelineDeployer.PID)
public final class BundleFolderWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(BundleFolderWatcher.class);

    private final Optional<ServerFolders> server;
    private final FileInstallWatcher watcher;
    private Path watched;

    @Activate
    public BundleFolderWatcher(@Reference ConfigurationAdmin admin, FolderSettings settings, BundleContext context) {
        this.server = ServerFolders.of(context::getProperty);
        this.watcher = new FileInstallWatcher(admin, "conveyor.deploy");
        apply(settings);
    }

    @Modified
    void modified(FolderSettings settings) {
        apply(settings);
    }

    @Deactivate
    void deactivate() {
        server.ifPresent(s -> watcher.stop());
    }

    private void apply(FolderSettings settings) {
        if (server.isEmpty()) {
            return;
        }
        WatchedFolders folders = server.get().resolve(settings);
        folders.problems().forEach(LOG::error);
        try {
            Path folder = FileInstallWatcher.prepare(folders.deploy());
            if (watcher.watch(server.get().deployWatcher(folder, folders.pollMillis()))) {
                LOG.info("Watching {} for plugin bundles every {} ms", folder, folders.pollMillis());
            }
            watched = folder;
        } catch (IOException e) {
            LOG.error("{}: cannot watch {} for plugin bundles ({}); {}", PipelineDeployer.PID, folders.deploy(), e,
                    watched == null ? "no folder is watched for them" : "still watching " + watched);
        }
    }
}
