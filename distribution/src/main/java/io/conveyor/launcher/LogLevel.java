package io.conveyor.launcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --log-level} values, and what each means to the loggers inside the framework. */
enum LogLevel {
    TRACE(4, 4), DEBUG(4, 4), INFO(3, 3), WARN(2, 2), ERROR(1, 1), OFF(0, 0);

    private final int felixLevel;
    private final int fileInstallLevel;

    LogLevel(int felixLevel, int fileInstallLevel) {
        this.felixLevel = felixLevel;
        this.fileInstallLevel = fileInstallLevel;
    }

    /** The name on the command line and in slf4j-simple's configuration. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code felix.log.level}: 0 off, 1 error, 2 warning, 3 info, 4 debug. */
    int felixLevel() {
        return felixLevel;
    }

    /** {@code felix.fileinstall.log.level}, same scale as Felix's. */
    int fileInstallLevel() {
        return fileInstallLevel;
    }

    /** {@code ds.loglevel} for Felix SCR. */
    String scrLevel() {
        return switch (this) {
            case TRACE, DEBUG -> "debug";
            // SCR's info lines say which SCR version started: noise in a log
            case INFO, WARN -> "warn";
            case ERROR, OFF -> "error";
        };
    }

    static String choices() {
        return Arrays.stream(values()).map(LogLevel::id).collect(Collectors.joining(", "));
    }

    static LogLevel parse(String text) throws UsageException {
        for (LogLevel level : values()) {
            if (level.id().equals(text.toLowerCase(Locale.ROOT))) {
                return level;
            }
        }
        throw new UsageException("--log-level must be one of " + choices() + ", got '" + text + "'");
    }
}
