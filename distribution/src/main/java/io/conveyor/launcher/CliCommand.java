package io.conveyor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one engine command ({@code run}, {@code validate}, {@code list}, {@code info}) in a fresh
 * framework whose storage is a temporary folder, deleted at the end, so that several commands can
 * run side by side.
 *
 * <p>The shell bundle ({@code io.conveyor.shell}) registers the command line as a
 * {@code java.util.function.Function} service with the property {@code conveyor.cli=main}, once
 * the engine's runtime service is there: {@code apply(String[] {command, args...})} prints what it
 * has to say itself and returns the exit code as an {@code Integer}.
 */
final class CliCommand {

    static final String CLI_FILTER = "(&(objectClass=java.util.function.Function)(conveyor.cli=main))";

    private final Distribution distribution;
    private final Timeouts timeouts;
    private boolean shutDown;

    CliCommand(Distribution distribution, Timeouts timeouts) {
        this.distribution = distribution;
        this.timeouts = timeouts;
    }

    int execute(CommandLine line) throws LauncherException {
        LogLevel level = line.logLevel().orElse(LogLevel.WARN);
        Logging.forCli(level);
        Path storage = createStorage();
        EmbeddedFramework framework;
        try {
            framework = EmbeddedFramework.init(FrameworkProperties.forCli(storage, level, distribution.wasmPlugins()).asMap());
        } catch (LauncherException | RuntimeException e) {
            deleteRecursively(storage);
            throw e;
        }
        // Ctrl-C during a run: stop the framework, so the engine cancels the run and sinks discard
        // their temporary files, and remove the storage.
        Thread hook = new Thread(() -> shutDown(framework, storage), "conveyor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            framework.install(distribution.bundlesUpTo(FrameworkProperties.LEVEL_PLUGINS));
            framework.start();
            Object cli = framework.awaitService(CLI_FILTER, timeouts.startup())
                    .orElseThrow(() -> new LauncherException(LauncherException.EXIT_FAILURE,
                            "the engine did not start within " + timeouts.startup().toSeconds()
                                    + " s; run with --log-level debug to see why"));
            return invoke(cli, line.engineArguments());
        } finally {
            shutDown(framework, storage);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down and runs the hook itself
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static int invoke(Object service, String[] arguments) throws LauncherException {
        if (!(service instanceof Function)) {
            throw new LauncherException(LauncherException.EXIT_FAILURE,
                    "the engine's command-line service is a " + service.getClass().getName() + ", not a Function");
        }
        Object result;
        try {
            result = ((Function<Object, Object>) service).apply(arguments);
        } catch (RuntimeException | LinkageError e) {
            // the engine reports user mistakes itself: anything thrown here is a bug in it (or in
            // its packaging, for a class missing from the bundle)
            throw new LauncherException(LauncherException.EXIT_FAILURE, "the engine failed: " + e, e);
        }
        if (!(result instanceof Number)) {
            throw new LauncherException(LauncherException.EXIT_FAILURE,
                    "the engine's command-line service returned " + result + " instead of an exit code");
        }
        return ((Number) result).intValue();
    }

    /**
     * Stops the framework and deletes its storage, once: a signal's shutdown hook and the command's
     * own {@code finally} may both get here, at the same time; the second waits for the first.
     */
    private synchronized void shutDown(EmbeddedFramework framework, Path storage) {
        if (shutDown) {
            return;
        }
        shutDown = true;
        framework.stop(timeouts.shutdown());
        deleteRecursively(storage);
    }

    private static Path createStorage() throws LauncherException {
        try {
            return Files.createTempDirectory("conveyor-");
        } catch (IOException e) {
            throw new LauncherException(LauncherException.EXIT_FAILURE,
                    "cannot create a temporary folder for the framework: " + e.getMessage(), e);
        }
    }

    /** Deletes a folder tree; what cannot be deleted stays (the temp folder is cleaned eventually). */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // keep deleting the rest
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // nothing more can be done
        }
    }
}
