package io.conveyor.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;

/**
 * A Gogo command carried out by a {@link CommandLine}, the same code as {@code bin/conveyor}'s:
 * on the session's streams and current directory, its exit code left in the session variable
 * {@link ConveyorCommands#EXIT_CODE}. Gogo redirects {@code System.out}/{@code System.err} per
 * session for the calling thread; stage threads write to the session's console instead.
 */
final class GogoCalls {

    private GogoCalls() {
    }

    static void execute(CommandLine commands, CommandSession session, String command, String... args) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(args));
        PrintStream console = session.getConsole() != null ? session.getConsole() : System.out;
        Path directory = session.currentDir() != null ? session.currentDir() : Path.of("").toAbsolutePath();
        int code = commands.execute(line, new CommandLine.Session(session.getKeyboard(), console, System.out,
                System.err, directory, System.getenv()));
        session.put(ConveyorCommands.EXIT_CODE, code);
    }
}
