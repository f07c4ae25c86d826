package io.conveyor.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.conveyor.api.runtime.ConveyorRuntime;

/**
 * The Gogo commands {@code conveyor:list}, {@code info}, {@code validate} and {@code run}: the
 * same {@link CommandLine} as the launcher, on the session's streams and current directory.
 * Gogo redirects {@code System.out}/{@code System.err} per session for the calling thread; stage
 * threads write to the session's console instead.
 *
 * <p>Talks to the engine only through {@link ConveyorRuntime}, so the engine does not depend on
 * Gogo: this bundle imports the Gogo runtime and resolves once it is there.
 */
@Component(service = ConveyorCommands.class, property = {
        "osgi.command.scope=conveyor",
        "osgi.command.function=list",
        "osgi.command.function=info",
        "osgi.command.function=docs",
        "osgi.command.function=validate",
        "osgi.command.function=run" })
public final class ConveyorCommands {

    /**
     * The session variable holding the exit code of the last conveyor command (0 ok, 1 failed, 2
     * invalid, as {@link CommandLine} returns them), for callers that need it, like
     * {@code bin/conveyor client}.
     */
    public static final String EXIT_CODE = "conveyor.exit";

    private final ConveyorRuntime runtime;

    @Activate
    public ConveyorCommands(@Reference ConveyorRuntime runtime) {
        this.runtime = runtime;
    }

    @Descriptor("list the stage functions: list [--json] [-t sources|transforms|sinks]")
    public void list(CommandSession session, String... args) {
        GogoCalls.execute(new CommandLine(runtime), session, "list", args);
    }

    @Descriptor("describe a function: info [--json] FUNCTION")
    public void info(CommandSession session, String... args) {
        GogoCalls.execute(new CommandLine(runtime), session, "info", args);
    }

    @Descriptor("print every function's reference as Markdown: docs")
    public void docs(CommandSession session, String... args) {
        GogoCalls.execute(new CommandLine(runtime), session, "docs", args);
    }

    @Descriptor("check a pipeline file without running it: validate [--json] FILE")
    public void validate(CommandSession session, String... args) {
        GogoCalls.execute(new CommandLine(runtime), session, "validate", args);
    }

    @Descriptor("run a pipeline file: run [--json] FILE")
    public void run(CommandSession session, String... args) {
        GogoCalls.execute(new CommandLine(runtime), session, "run", args);
    }
}
