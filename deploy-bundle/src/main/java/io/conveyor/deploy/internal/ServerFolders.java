package io.conveyor.deploy.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a server started by {@code bin/conveyor server} tells this bundle through framework
 * properties: its home, the default folders and poll, and how FileInstall should log. Turns the
 * {@link FolderSettings} into {@link WatchedFolders} and those into FileInstall watcher properties.
 */
final class ServerFolders {

    static final String MODE = "conveyor.mode";
    static final String HOME = "conveyor.home";
    static final String DEPLOY_DIR = "conveyor.deploy.dir";
    static final String PIPELINES_DIR = "conveyor.pipelines.dir";

    /** FileInstall's own keys, in a watcher's configuration and as framework properties. */
    static final String FILEINSTALL_DIR = "felix.fileinstall.dir";
    static final String FILEINSTALL_POLL = "felix.fileinstall.poll";
    static final String FILEINSTALL_FILTER = "felix.fileinstall.filter";
    static final String FILEINSTALL_NO_INITIAL_DELAY = "felix.fileinstall.noInitialDelay";
    static final String FILEINSTALL_DISABLE_NIO2 = "felix.fileinstall.disableNio2";
    static final String FILEINSTALL_START_BUNDLES = "felix.fileinstall.bundles.new.start";
    /** Copied from the framework properties into each watcher, so that it logs and stages as the etc/ watcher does. */
    private static final List<String> FILEINSTALL_INHERITED = List.of("felix.fileinstall.log.level",
            "felix.fileinstall.log.default", "felix.fileinstall.tmpdir");

    private static final long DEFAULT_POLL_MILLIS = 1000;

    private final Path home;
    private final Path defaultDeploy;
    private final Path defaultPipelines;
    private final long defaultPollMillis;
    private final Map<String, String> inherited = new LinkedHashMap<>();

    private ServerFolders(Path home, UnaryOperator<String> frameworkProperty) {
        this.home = home;
        this.defaultDeploy = folder(frameworkProperty.apply(DEPLOY_DIR), home.resolve("deploy"));
        this.defaultPipelines = folder(frameworkProperty.apply(PIPELINES_DIR), home.resolve("pipelines"));
        this.defaultPollMillis = pollOr(frameworkProperty.apply(FILEINSTALL_POLL), DEFAULT_POLL_MILLIS);
        for (String key : FILEINSTALL_INHERITED) {
            String value = frameworkProperty.apply(key);
            if (value != null) {
                inherited.put(key, value);
            }
        }
    }

    /**
     * The server's folders, when this bundle runs in a server that {@code bin/conveyor} started
     * ({@code conveyor.mode=server} and {@code conveyor.home} set); empty elsewhere (the integration
     * tests' framework, Karaf), where FileInstall's watchers are not this bundle's business.
     */
    static Optional<ServerFolders> of(UnaryOperator<String> frameworkProperty) {
        String home = frameworkProperty.apply(HOME);
        if (!"server".equals(frameworkProperty.apply(MODE)) || home == null) {
            return Optional.empty();
        }
        return Optional.of(new ServerFolders(Path.of(home).toAbsolutePath().normalize(), frameworkProperty));
    }

    /** The folder holding the settings themselves, watched by the framework properties' watcher. */
    Path etc() {
        return home.resolve("etc");
    }

    WatchedFolders resolve(FolderSettings settings) {
        List<String> problems = new ArrayList<>();
        Path deploy = setting("deploy.dir", settings.deploy_dir(), defaultDeploy, problems);
        Path pipelines = setting("pipelines.dir", settings.pipelines_dir(), defaultPipelines, problems);
        if (deploy.equals(pipelines) && !(deploy.equals(defaultDeploy) && pipelines.equals(defaultPipelines))) {
            problems.add(PipelineDeployer.PID + ": deploy.dir and pipelines.dir must be different folders, both are "
                    + deploy + "; using " + defaultDeploy + " and " + defaultPipelines);
            deploy = defaultDeploy;
            pipelines = defaultPipelines;
        }
        return new WatchedFolders(deploy, pipelines, poll(settings.poll_millis(), problems), List.copyOf(problems));
    }

    /** FileInstall's watcher of the plugin bundles' folder. */
    Map<String, String> deployWatcher(Path folder, long pollMillis) {
        Map<String, String> properties = watcher(folder, pollMillis);
        properties.put(FILEINSTALL_START_BUNDLES, "true");
        return properties;
    }

    /** FileInstall's watcher of the pipeline files' folder: it looks at {@code *.toml} files only. */
    Map<String, String> pipelinesWatcher(Path folder, long pollMillis) {
        Map<String, String> properties = watcher(folder, pollMillis);
        properties.put(FILEINSTALL_FILTER, ".*\\.toml");
        return properties;
    }

    private Map<String, String> watcher(Path folder, long pollMillis) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(FILEINSTALL_DIR, folder.toString());
        properties.put(FILEINSTALL_POLL, Long.toString(pollMillis));
        properties.put(FILEINSTALL_NO_INITIAL_DELAY, "true");
        // poll the folder rather than wait for file system events: FileInstall's event-based
        // scanner takes a file as complete on the first look after an event, even half-written
        properties.put(FILEINSTALL_DISABLE_NIO2, "true");
        properties.putAll(inherited);
        return properties;
    }

    private Path setting(String key, String value, Path fallback, List<String> problems) {
        if (value.isBlank()) {
            return fallback;
        }
        Path folder;
        try {
            folder = home.resolve(value.strip()).normalize();
        } catch (InvalidPathException e) {
            problems.add(PipelineDeployer.PID + ": " + key + " is not a valid path: " + e.getMessage() + "; using "
                    + fallback);
            return fallback;
        }
        if (folder.equals(etc())) {
            problems.add(PipelineDeployer.PID + ": " + key + " must not be the settings folder " + etc() + "; using "
                    + fallback);
            return fallback;
        }
        return folder;
    }

    private long poll(String value, List<String> problems) {
        if (value.isBlank()) {
            return defaultPollMillis;
        }
        long millis;
        try {
            millis = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            problems.add(PipelineDeployer.PID + ": poll.millis must be a whole number of milliseconds, got '"
                    + value.strip() + "'; using " + defaultPollMillis);
            return defaultPollMillis;
        }
        if (millis < 1) {
            problems.add(PipelineDeployer.PID + ": poll.millis must be at least 1, got " + millis + "; using "
                    + defaultPollMillis);
            return defaultPollMillis;
        }
        return millis;
    }

    private Path folder(String property, Path fallback) {
        return property == null ? fallback : home.resolve(property).normalize();
    }

    private static long pollOr(String property, long fallback) {
        try {
            return property == null ? fallback : Math.max(1, Long.parseLong(property.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
