package io.conveyor.launcher;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.felix.framework.Logger;

/**
 * Felix's own log messages, which it would otherwise print to stdout (where a CLI run's output
 * goes). They go to {@code System.err} as it is when the message is logged: the terminal for CLI
 * commands, the log file in server mode. Felix filters by {@code felix.log.level} before calling.
 */
final class FelixLogger extends Logger {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final boolean timestamps;
    private final boolean stackTraces;

    FelixLogger(boolean timestamps, boolean stackTraces) {
        this.timestamps = timestamps;
        this.stackTraces = stackTraces;
    }

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        PrintStream err = System.err;
        StringBuilder line = new StringBuilder();
        if (timestamps) {
            line.append(OffsetDateTime.now().format(TIMESTAMP)).append(' ');
        }
        line.append(levelName(level)).append(" felix - ").append(msg);
        synchronized (err) {
            err.println(line);
            if (throwable != null && stackTraces) {
                throwable.printStackTrace(err);
            }
        }
    }

    private static String levelName(int level) {
        return switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARN";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
    }
}
