package io.conveyor.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/conveyor}: parses the command line, then either answers itself ({@code help},
 * {@code --version}), runs a server, or starts a fresh framework for one engine command.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // System.exit, not a return: bundles may leave non-daemon threads behind.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine line = CommandLine.parse(List.of(args));
            switch (line.command()) {
                case HELP:
                    out.print(Usage.TEXT);
                    return 0;
                case VERSION:
                    out.println("conveyor " + Distribution.version());
                    return 0;
                case SERVER:
                    ServerOptions options = ServerOptions.parse(line.arguments());
                    return new Server(Distribution.ofRunningLauncher(), options,
                            line.logLevel().orElse(LogLevel.INFO), Timeouts.fromSystemProperties()).run();
                case CLIENT:
                    ClientOptions client = ClientOptions.parse(line.arguments());
                    ServerHome home = new ServerHome(client.home().orElse(Distribution.ofRunningLauncher().root()));
                    return new ServerClient(home).run(client.command(), Path.of(""), out, err);
                default:
                    return new CliCommand(Distribution.ofRunningLauncher(), Timeouts.fromSystemProperties()).execute(line);
            }
        } catch (UsageException e) {
            err.println("conveyor: " + e.getMessage());
            err.println(CommandLine.USAGE_LINE);
            return e.exitCode();
        } catch (LauncherException e) {
            err.println("conveyor: " + e.getMessage());
            return e.exitCode();
        }
    }
}
