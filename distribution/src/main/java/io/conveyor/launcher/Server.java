package io.conveyor.launcher;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.FrameworkEvent;

import sun.misc.Signal;

/**
 * {@code conveyor server}: a long-lived framework on a home folder, with FileInstall watching
 * {@code deploy/} and, on a terminal, the Gogo shell. Runs until {@code exit}, Ctrl-D, SIGTERM or
 * SIGINT, then stops the framework (bundles in reverse start order) and exits 0.
 */
final class Server {


    static final String RUNTIME_FILTER = "(objectClass=io.conveyor.api.runtime.ConveyorRuntime)";

    private final Distribution distribution;
    private final ServerOptions options;
    private final LogLevel level;
    private final Timeouts timeouts;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** The launcher's lines in the server log; empty until the logging bundles are up. */
    private volatile Optional<LauncherLog> log = Optional.empty();

    Server(Distribution distribution, ServerOptions options, LogLevel level, Timeouts timeouts) {
        this.distribution = distribution;
        this.options = options;
        this.level = level;
        this.timeouts = timeouts;
    }

    /** Runs the server to its end; returns the exit code. */
    int run() throws LauncherException {
        boolean console = !options.headless() && System.console() != null;
        ServerHome home = new ServerHome(options.home().orElse(distribution.root()));
        home.prepare(distribution);
        PrintStream terminal = System.err;
        try (PidFile pid = PidFile.acquire(home.pidFile(), "the server home " + home.root());
                ServerLog log = ServerLog.open(home.logFile())) {
            log.capture();
            Logging.forServer(level);
            EmbeddedFramework framework = EmbeddedFramework.init(FrameworkProperties.forServer(home, distribution.wasmPlugins(), level).asMap());
            Thread hook = new Thread(() -> {
                framework.stop(timeouts.shutdown());
                pid.close();
            }, "conveyor-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            installSignalHandlers(framework);
            try {
                startUp(framework, home, console, terminal);
                FrameworkEvent end = framework.awaitStop();
                logLine("Conveyor server stopped");
                return end.getType() == FrameworkEvent.ERROR ? LauncherException.EXIT_FAILURE : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                framework.stop(timeouts.shutdown());
                return LauncherException.EXIT_FAILURE;
            } finally {
                removeHook(hook);
            }
        }
    }

    private void startUp(EmbeddedFramework framework, ServerHome home, boolean console, PrintStream terminal)
            throws LauncherException {
        try {
            framework.install(distribution.bundlesUpTo(FrameworkProperties.LEVEL_CONSOLE));
            framework.start(); // up to level 1, logging: see LauncherLog
            log = LauncherLog.of(framework.context(), Server.class.getName());
            logLine("Conveyor " + Distribution.version() + " starting: home=" + home.root());
            framework.raiseStartLevel(FrameworkProperties.LEVEL_SERVER, timeouts.startup());
            if (stopRequested.get()) {
                return;
            }
            if (framework.awaitService(RUNTIME_FILTER, timeouts.startup()).isEmpty() && !stopRequested.get()) {
                terminal.println("conveyor: warning: the engine did not start within " + timeouts.startup().toSeconds()
                        + " s; see " + home.logFile());
            }
            if (stopRequested.get()) {
                return;
            }
            String ready = "Conveyor server ready: home=" + home.root() + ", deploy=" + home.deploy();
            logLine(ready);
            terminal.println(ready);
            if (console) {
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put("osgi.command.scope", "conveyor");
                properties.put("osgi.command.function", new String[] {"exit"});
                framework.context().registerService(Object.class, new ShellCommands(framework), properties);
                framework.raiseStartLevel(FrameworkProperties.LEVEL_CONSOLE, timeouts.startup());
            }
        } catch (IllegalStateException | LauncherException e) {
            // the framework stopped under our feet: a signal arrived during start-up
            if (!stopRequested.get()) {
                throw e;
            }
        }
    }

    /** SIGTERM and SIGINT stop the framework; the process then ends normally, with exit code 0. */
    private void installSignalHandlers(EmbeddedFramework framework) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                logLine("Conveyor server stopping: SIG" + name);
                stopRequested.set(true);
                framework.requestStop();
            });
        }
    }

    /** A line in the server log, once the logging bundles are up. */
    private void logLine(String message) {
        log.ifPresent(l -> l.info(message));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }
}
