package io.conveyor.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.conveyor.api.runtime.ConveyorRuntime;

/**
 * The Gogo commands {@code conveyor:plugins} (who serves each function, who uses it, which
 * bundles did not resolve and why) and {@code conveyor:upgrade --dry-run} (what upgrading a
 * bundle would refresh and pause). Results go to the session's standard output, usage errors to
 * its standard error, which Gogo (and Karaf) redirect per session; the exit code (0 ok, 2 a usage
 * error or an unknown bundle) goes into the session variable {@link ConveyorCommands#EXIT_CODE}.
 */
@Component(service = PluginCommands.class, property = {
        "osgi.command.scope=conveyor",
        "osgi.command.function=plugins",
        "osgi.command.function=upgrade" })
public final class PluginCommands {

    static final String PLUGINS_USAGE = "usage: conveyor:plugins [--json] [FUNCTION|BUNDLE...]";
    static final String UPGRADE_USAGE =
            "usage: conveyor:upgrade --dry-run [--json] BUNDLE (a bundle id or symbolic name)";

    private final Plugins plugins;
    private final PluginsFormat format = new PluginsFormat();

    @Activate
    public PluginCommands(@Reference ConveyorRuntime runtime, BundleContext context) {
        this.plugins = new Plugins(runtime, new BundleWirings(context));
    }

    @Descriptor("who serves each function and which running pipelines use it; unresolved bundles and what they need:"
            + " plugins [--json] [FUNCTION|BUNDLE...]")
    public void plugins(CommandSession session, String... args) {
        session.put(ConveyorCommands.EXIT_CODE, plugins(List.of(args), System.out, System.err));
    }

    @Descriptor("what upgrading a bundle would refresh and which running pipelines would pause:"
            + " upgrade --dry-run [--json] BUNDLE")
    public void upgrade(CommandSession session, String... args) {
        session.put(ConveyorCommands.EXIT_CODE, upgrade(List.of(args), System.out, System.err));
    }

    int plugins(List<String> args, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse(args, false);
        if (arguments.problem != null) {
            return usage(err, arguments.problem, PLUGINS_USAGE);
        }
        PluginReport report = plugins.report(arguments.names);
        out.print(arguments.json ? format.json(report) : format.text(report));
        return CommandLine.OK;
    }

    int upgrade(List<String> args, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse(args, true);
        String problem = arguments.problem;
        if (problem == null && !arguments.dryRun) {
            problem = "only a dry run is available: upgrade a plugin by replacing its file in deploy/ (same file"
                    + " name) or with bundle:update";
        } else if (problem == null && arguments.names.size() != 1) {
            problem = arguments.names.isEmpty() ? "upgrade needs a bundle" : "upgrade takes one bundle";
        }
        if (problem != null) {
            return usage(err, problem, UPGRADE_USAGE);
        }
        String wanted = arguments.names.get(0);
        List<Bundle> bundles = plugins.bundlesNamed(wanted);
        if (bundles.size() != 1) {
            err.println("conveyor: " + (bundles.isEmpty() ? "no such bundle: " + wanted
                    : "several bundles are named " + wanted + ": " + bundles.stream()
                            .map(b -> b.getBundleId() + " (" + b.getVersion() + ")").collect(Collectors.joining(", "))
                            + "; give the bundle id"));
            return CommandLine.INVALID;
        }
        UpgradePlan plan = plugins.upgradePlan(bundles.get(0));
        out.print(arguments.json ? format.json(plan) : format.text(plan));
        return CommandLine.OK;
    }

    private static int usage(PrintStream err, String problem, String usage) {
        err.println("conveyor: " + problem);
        err.println(usage);
        return CommandLine.INVALID;
    }

    /** {@code --json}, {@code --dry-run} (upgrade only) and names. */
    private static final class Arguments {
        boolean json;
        boolean dryRun;
        String problem;
        final List<String> names = new ArrayList<>();

        static Arguments parse(List<String> args, boolean allowDryRun) {
            Arguments arguments = new Arguments();
            for (String arg : args) {
                if (arg.equals("--json")) {
                    arguments.json = true;
                } else if (allowDryRun && arg.equals("--dry-run")) {
                    arguments.dryRun = true;
                } else if (arg.startsWith("-")) {
                    arguments.problem = arguments.problem != null ? arguments.problem : "unknown option '" + arg + "'";
                } else {
                    arguments.names.add(arg);
                }
            }
            return arguments;
        }
    }
}
