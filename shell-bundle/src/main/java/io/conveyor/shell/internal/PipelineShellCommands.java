package io.conveyor.shell.internal;

import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.PipelineDeployments;

/**
 * The Gogo commands on deployed pipelines: {@code conveyor:pipelines}, {@code status},
 * {@code start}, {@code stop}, {@code history} and {@code graph} (see {@link PipelineCommands}),
 * through the same {@link CommandLine} as the other commands.
 * {@link PipelineDeployments} is optional, so that {@code graph FILE} works in a framework
 * without the deployer; the component is re-created when the deployer comes or goes.
 */
@Component(service = PipelineShellCommands.class, property = {
        "osgi.command.scope=conveyor",
        "osgi.command.function=pipelines",
        "osgi.command.function=status",
        "osgi.command.function=start",
        "osgi.command.function=stop",
        "osgi.command.function=history",
        "osgi.command.function=graph" })
public final class PipelineShellCommands {

    private final CommandLine commands;

    @Activate
    public PipelineShellCommands(@Reference ConveyorRuntime runtime,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            PipelineDeployments deployments) {
        this.commands = new CommandLine(runtime, Optional.ofNullable(deployments));
    }

    @Descriptor("list the deployed pipelines: pipelines [--json]")
    public void pipelines(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "pipelines", args);
    }

    @Descriptor("show a deployed pipeline's schedule, state and latest run: status [--json] NAME")
    public void status(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "status", args);
    }

    @Descriptor("start a run of a deployed pipeline now: start [--json] NAME")
    public void start(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "start", args);
    }

    @Descriptor("stop a deployed pipeline and suspend its schedule: stop [--json] NAME")
    public void stop(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "stop", args);
    }

    @Descriptor("list a deployed pipeline's latest runs: history [--json] NAME")
    public void history(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "history", args);
    }

    @Descriptor("print a pipeline's stage graph: graph [--format dot|mermaid] [--json] NAME|FILE")
    public void graph(CommandSession session, String... args) {
        GogoCalls.execute(commands, session, "graph", args);
    }
}
