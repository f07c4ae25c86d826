package io.conveyor.deploy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FileInstall watcher that this bundle owns: a factory configuration of FileInstall's
 * {@code ManagedServiceFactory} (PID {@value #FACTORY_PID}) named {@code name}, which FileInstall
 * turns into a watcher of one folder. It exists in ConfigAdmin only, never as a file, so FileInstall
 * reads it in one piece: each change is one {@link Configuration#updateIfDifferent} of every key,
 * which FileInstall applies by replacing the watcher (an unchanged set leaves it alone).
 */
final class FileInstallWatcher {

    static final String FACTORY_PID = "org.apache.felix.fileinstall";

    private static final Logger LOG = LoggerFactory.getLogger(FileInstallWatcher.class);
    /** Any bundle may receive it: the configuration is for FileInstall's bundle, not this one. */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin admin;
    private final String name;

    FileInstallWatcher(ConfigurationAdmin admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    /**
     * Creates {@code folder} if missing and returns the path FileInstall will report its files
     * under (FileInstall resolves links in the folder's path).
     */
    static Path prepare(Path folder) throws IOException {
        return Files.createDirectories(folder).toRealPath();
    }

    /** Starts the watcher with these properties, or replaces it if they changed; whether they did. */
    boolean watch(Map<String, String> properties) throws IOException {
        Configuration configuration = admin.getFactoryConfiguration(FACTORY_PID, name, ANY_LOCATION);
        return configuration.updateIfDifferent(new Hashtable<>(properties));
    }

    /** Stops the watcher; what it installed stays installed. */
    void stop() {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + FACTORY_PID + "~" + name + ")");
            if (found != null) {
                for (Configuration configuration : found) {
                    configuration.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            // ConfigAdmin stopping too (the framework shuts down): its watchers go with it
            LOG.debug("Could not remove FileInstall's watcher {}: {}", name, e.toString());
        }
    }
}
