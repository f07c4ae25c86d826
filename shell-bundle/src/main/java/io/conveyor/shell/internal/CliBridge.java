package io.conveyor.shell.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.conveyor.api.runtime.ConveyorRuntime;

/**
 * What the launcher calls for {@code bin/conveyor <command>}: a {@code Function<String[], Integer>}
 * service with {@code conveyor.cli=main}. {@code apply(new String[] {"run", "p.toml"})} runs the
 * command against the process's streams, working directory and environment, and returns the
 * exit code (see {@link CommandLine}).
 */
@Component(service = Function.class, property = "conveyor.cli=main")
public final class CliBridge implements Function<String[], Integer> {

    private final ConveyorRuntime runtime;

    @Activate
    public CliBridge(@Reference ConveyorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer apply(String[] args) {
        // UTF-8 whatever the platform's default, so "✓" and non-ASCII data survive.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        try {
            return new CommandLine(runtime).execute(List.of(args), new CommandLine.Session(System.in, out, out, err,
                    Path.of("").toAbsolutePath(), System.getenv()));
        } finally {
            out.flush();
            err.flush();
        }
    }
}
