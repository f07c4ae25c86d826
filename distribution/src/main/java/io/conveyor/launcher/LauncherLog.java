package io.conveyor.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The launcher's own lines in the server log, written through slf4j inside the framework like
 * every bundle's (the launcher cannot see slf4j's classes, so it calls them reflectively).
 *
 * <p>Creating it also initialises slf4j-simple, which keeps the output stream it finds at that
 * moment. The server creates it once the logging bundles (start level 1) are up and before the
 * Gogo runtime replaces {@code System.err} with its per-session stream, so that log lines from a
 * command typed in the shell still go to the log file, not to the shell user's terminal.
 */
final class LauncherLog {

    private static final String SLF4J_API = "slf4j.api";

    private final Object logger;
    private final Method info;

    private LauncherLog(Object logger, Method info) {
        this.logger = logger;
        this.info = info;
    }

    /** The launcher's logger, or empty when no slf4j bundle is active. */
    static Optional<LauncherLog> of(BundleContext context, String name) {
        for (Bundle bundle : context.getBundles()) {
            if (SLF4J_API.equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                try {
                    Class<?> factory = bundle.loadClass("org.slf4j.LoggerFactory");
                    Class<?> loggerType = bundle.loadClass("org.slf4j.Logger");
                    Object logger = factory.getMethod("getLogger", String.class).invoke(null, name);
                    return Optional.of(new LauncherLog(logger, loggerType.getMethod("info", String.class)));
                } catch (ReflectiveOperationException | LinkageError e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    void info(String message) {
        try {
            info.invoke(logger, message);
        } catch (IllegalAccessException | InvocationTargetException | IllegalStateException e) {
            // logging must never stop the server
        }
    }
}
