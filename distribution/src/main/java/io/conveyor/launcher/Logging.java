package io.conveyor.launcher;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Configures slf4j-simple, the logging provider inside the framework, through the system
 * properties it reads when it first initialises, and java.util.logging, which some bundles use
 * (SPI Fly, FileInstall), to the same level. A property already given with {@code -D} wins.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** CLI commands: short lines on stderr, warnings and errors only unless asked otherwise. */
    static void forCli(LogLevel level) {
        setDefault("defaultLogLevel", level.id());
        setDefault("logFile", "System.err");
        setDefault("showThreadName", "false");
        setDefault("showShortLogName", "true");
        configureJul(level, "%4$s %3$s - %5$s%6$s%n");
    }

    /**
     * Server mode: timestamped lines on {@code System.err} as it is when logging starts, which the
     * server has pointed at its log file; caching it keeps Gogo's per-session redirection of
     * {@code System.err} from sending log lines to a shell user.
     */
    static void forServer(LogLevel level) {
        setDefault("defaultLogLevel", level.id());
        setDefault("logFile", "System.err");
        setDefault("cacheOutputStream", "true");
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        configureJul(level, "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s - %5$s%6$s%n");
    }

    /** One line per record, at the chosen level, on the root logger's console handler (stderr). */
    private static void configureJul(LogLevel level, String format) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", format);
        }
        Level julLevel = switch (level) {
            case TRACE -> Level.FINEST;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            case OFF -> Level.OFF;
        };
        Logger root = Logger.getLogger("");
        root.setLevel(julLevel);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(julLevel);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
