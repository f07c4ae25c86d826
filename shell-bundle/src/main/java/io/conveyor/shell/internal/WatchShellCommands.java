package io.conveyor.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.conveyor.api.runtime.ConveyorRuntime;

/**
 * The Gogo commands that watch running pipelines, {@code conveyor:top} and {@code conveyor:tap}
 * (see {@link WatchCommands}), through the same {@link CommandLine} as the other commands.
 */
@Component(service = WatchShellCommands.class, property = {
        "osgi.command.scope=conveyor",
        "osgi.command.function=top",
        "osgi.command.function=tap" })
public final class WatchShellCommands {

    private final CommandLine commands;

    @Activate
    public WatchShellCommands(@Reference ConveyorRuntime runtime) {
        this.commands = new CommandLine(runtime);
    }

    @Descriptor("every running pipeline's stages: rows, rows/s, queued batches, memory: top [--json] [--watch SECONDS]")
    public void top(CommandSession session, String... args) {
        execute(session, "top", args);
    }

    @Descriptor("the schema and sample rows a stage of a running pipeline emits:"
            + " tap [--limit N] [--timeout SECONDS] [--json] PIPELINE STAGE")
    public void tap(CommandSession session, String... args) {
        execute(session, "tap", args);
    }

    private void execute(CommandSession session, String command, String... args) {
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
