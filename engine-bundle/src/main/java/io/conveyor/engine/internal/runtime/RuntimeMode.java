package io.conveyor.engine.internal.runtime;

/**
 * How the framework was launched, from the framework property {@value #PROPERTY}, which decides
 * whether a run may wait for {@code [global] plugins}.
 */
public enum RuntimeMode {

    /** A long-running server: bundles are deployed while it runs, so a run waits (bounded) for plugins. */
    SERVER,

    /**
     * One command line: the launcher starts every bundle before the command runs, so no stage can
     * arrive later and waiting would only delay the error.
     */
    CLI;

    /** The framework property the launcher sets to {@code cli} for a command-line run. */
    public static final String PROPERTY = "conveyor.mode";

    /** {@link #CLI} for {@code cli}; {@link #SERVER} for anything else, including no value. */
    public static RuntimeMode of(String propertyValue) {
        return "cli".equals(propertyValue) ? CLI : SERVER;
    }
}
