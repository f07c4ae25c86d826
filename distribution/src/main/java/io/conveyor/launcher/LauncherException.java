package io.conveyor.launcher;

/**
 * A failure the launcher reports to the user as one line on stderr ({@code conveyor: <message>}),
 * without a stack trace, and turns into the process exit code.
 */
class LauncherException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A usage mistake or a refused request, such as a second server on one home. */
    static final int EXIT_USAGE = 2;
    /** The runtime could not do its work. */
    static final int EXIT_FAILURE = 1;

    private final int exitCode;

    LauncherException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    LauncherException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
