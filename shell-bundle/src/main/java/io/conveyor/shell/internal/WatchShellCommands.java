package io.conveyor.shell.internal;

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
        GogoCalls.execute(commands, session, "top", args);
    }

    @Descriptor("the schema and sample rows a stage of a running pipeline emits:"
            + " tap [--limit N] [--timeout SECONDS] [--json] PIPELINE STAGE")
    public void tap(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "tap", args);
    }
}
