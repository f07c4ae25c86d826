package io.conveyor.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framework properties of one launch. Every string value can be overridden by a system property
 * of the same name, so {@code CONVEYOR_OPTS=-Dfelix.fileinstall.poll=200 bin/conveyor server}
 * works without editing anything.
 */
final class FrameworkProperties {

    /** Start levels: see the layout comment in the distribution's pom.xml. */
    static final int LEVEL_LOGGING = 1;
    static final int LEVEL_PLUGINS = 3;
    /** FileInstall: it reads etc/ as it starts, before the deployer of the next level looks for its settings. */
    static final int LEVEL_SETTINGS = 4;
    static final int LEVEL_SERVER = 5;
    static final int LEVEL_CONSOLE = 6;

    /** Framework properties the engine and plugins may read. */
    static final String CONVEYOR_MODE = "conveyor.mode";
    static final String CONVEYOR_HOME = "conveyor.home";
    static final String CONVEYOR_DEPLOY_DIR = "conveyor.deploy.dir";
    static final String CONVEYOR_PIPELINES_DIR = "conveyor.pipelines.dir";
    /**
     * The folder whose WASM modules the host loads at start (the WASM host's default plugins.dir):
     * the distribution's wasm-plugins/, for the command line and servers alike; a server adds
     * modules through its deploy folder.
     */
    static final String CONVEYOR_WASM_DIR = "conveyor.wasm.dir";

    private final Map<String, Object> values = new LinkedHashMap<>();

    private FrameworkProperties() {
    }

    /**
     * A CLI launch: a throwaway framework cache, no FileInstall and no shell (levels above
     * {@link #LEVEL_PLUGINS} are not even installed).
     */
    static FrameworkProperties forCli(Path storage, LogLevel level, Path wasmPlugins) {
        FrameworkProperties p = common(storage, level, LEVEL_PLUGINS, false);
        p.set(CONVEYOR_MODE, "cli");
        p.set(CONVEYOR_WASM_DIR, wasmPlugins.toString());
        return p;
    }

    /**
     * A server launch on {@code home}: FileInstall watches {@code etc/} (ConfigAdmin {@code *.cfg}
     * files) through these properties; the deployer bundle has it watch the plugin bundles' and
     * the pipeline files' folders, as PID {@code io.conveyor.deploy} says ({@code deploy.dir},
     * {@code pipelines.dir}, {@code poll.millis}), with {@link #CONVEYOR_DEPLOY_DIR},
     * {@link #CONVEYOR_PIPELINES_DIR} and {@code felix.fileinstall.poll} as defaults. The framework
     * starts at level {@link #LEVEL_LOGGING}; the server raises it to {@link #LEVEL_SERVER}, and to
     * {@link #LEVEL_CONSOLE} (the Gogo shell) only when it has a console.
     */
    static FrameworkProperties forServer(ServerHome home, Path wasmPlugins, LogLevel level) {
        // starts at level 1 (logging); the server raises it to LEVEL_SERVER, see LauncherLog
        FrameworkProperties p = common(home.cache(), level, LEVEL_LOGGING, true);
        p.set(CONVEYOR_MODE, "server");
        p.set(CONVEYOR_HOME, home.root().toString());
        p.set(CONVEYOR_DEPLOY_DIR, home.deploy().toString());
        p.set(CONVEYOR_PIPELINES_DIR, home.pipelines().toString());
        p.set(CONVEYOR_WASM_DIR, wasmPlugins.toString());
        p.set("felix.fileinstall.dir", home.etc().toString());
        p.set("felix.fileinstall.poll", "1000");
        // a settings file is only read, never written back: FileInstall rewrites a file in place
        // after each change it reads, and its etc/ watcher could read that half-written file
        p.set("felix.fileinstall.enableConfigSave", "false");
        // poll rather than wait for file system events: FileInstall's event-based scanner takes a
        // file as complete on its first look after an event, even while an editor is writing it
        p.set("felix.fileinstall.disableNio2", "true");
        p.set("felix.fileinstall.noInitialDelay", "true");
        p.set("felix.fileinstall.bundles.new.start", "true");
        p.set("felix.fileinstall.log.level", Integer.toString(level.fileInstallLevel()));
        // through java.util.logging, to get the same timestamped lines as everything else
        p.set("felix.fileinstall.log.default", "jul");
        p.set("felix.fileinstall.tmpdir", home.cache().resolve("fileinstall").toString());
        p.set("gosh.home", home.root().toString());
        p.set("gosh.args", "");
        // stdout is the log file in server mode, so SCR may say more than errors
        p.set("ds.loglevel", level.scrLevel());
        return p;
    }

    private static FrameworkProperties common(Path storage, LogLevel level, int beginning, boolean timestamps) {
        FrameworkProperties p = new FrameworkProperties();
        p.set("org.osgi.framework.storage", storage.toString());
        p.set("org.osgi.framework.storage.clean", "onFirstInit");
        p.set("org.osgi.framework.startlevel.beginning", Integer.toString(beginning));
        // bundles installed later, from deploy/, start with the built-in plugins
        p.set("felix.startlevel.bundle", Integer.toString(LEVEL_PLUGINS));
        p.set("felix.log.level", Integer.toString(level.felixLevel()));
        p.values.put("felix.log.logger", new FelixLogger(timestamps, level.felixLevel() >= LogLevel.DEBUG.felixLevel()));
        // SCR prints its warnings to stdout when no OSGi log service is present: errors only.
        p.set("ds.loglevel", "error");
        return p;
    }

    private void set(String key, String value) {
        values.put(key, System.getProperty(key, value));
    }

    /** The properties as Felix takes them; values are strings except {@code felix.log.logger}. */
    Map<String, Object> asMap() {
        return values;
    }

    /** A string property, for tests and messages. */
    String get(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }
}
