package io.conveyor.shell.internal.remote;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandSession;

import io.conveyor.shell.internal.CommandLine;

/**
 * A client's arguments as a Gogo command line. The command word is checked and, without a scope,
 * taken from {@code conveyor}; every other argument goes into a session variable and the line
 * names the variable, so that no argument is parsed again by Gogo: spaces, quotes, {@code $} and
 * {@code ;} reach the command exactly as the client's shell passed them.
 */
final class GogoLine {

    private static final Pattern COMMAND = Pattern.compile("([A-Za-z][\\w.-]*:)?[A-Za-z][\\w.-]*");
    private static final String VARIABLE = "conveyor_client_argument_";

    private GogoLine() {
    }

    /** Puts the arguments into {@code session} and returns the line that runs the command on them. */
    static String of(List<String> args, CommandSession session) {
        String command = args.get(0);
        if (!COMMAND.matcher(command).matches()) {
            throw new IllegalArgumentException("'" + command + "' is not a command name");
        }
        StringBuilder line = new StringBuilder(command.contains(":") ? command : "conveyor:" + command);
        for (int i = 1; i < args.size(); i++) {
            session.put(VARIABLE + i, args.get(i));
            line.append(" $").append(VARIABLE).append(i);
        }
        return line.toString();
    }

    /** One line for the client: Gogo's own message, which names the command that was not found. */
    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A command Gogo does not know, or a bad argument, is a usage error; anything else a failure. */
    static int exitCodeOf(Exception e) {
        return e instanceof IllegalArgumentException ? CommandLine.INVALID : CommandLine.FAILED;
    }
}
