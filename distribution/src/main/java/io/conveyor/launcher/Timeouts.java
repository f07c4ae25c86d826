package io.conveyor.launcher;

import java.time.Duration;

/**
 * How long the launcher waits for the engine to come up and for the framework to stop. Set with
 * {@code -Dconveyor.startup.timeout=SECONDS} and {@code -Dconveyor.shutdown.timeout=SECONDS}.
 */
record Timeouts(Duration startup, Duration shutdown) {

    static Timeouts fromSystemProperties() throws LauncherException {
        return new Timeouts(seconds("conveyor.startup.timeout", 20), seconds("conveyor.shutdown.timeout", 30));
    }

    private static Duration seconds(String key, long defaultSeconds) throws LauncherException {
        String value = System.getProperty(key);
        if (value == null) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(LauncherException.EXIT_USAGE, "-D" + key + " must be a positive number of seconds, got '" + value + "'");
    }
}
