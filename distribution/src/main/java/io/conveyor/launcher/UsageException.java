package io.conveyor.launcher;

/** A command line the launcher cannot make sense of; reported with a usage line, exit code 2. */
final class UsageException extends LauncherException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(EXIT_USAGE, message);
    }
}
