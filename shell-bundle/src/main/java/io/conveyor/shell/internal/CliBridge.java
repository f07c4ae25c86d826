package io.conveyor.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
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
 *
 * <p>Stages read the process's stdin through a channel ({@link #interruptible}), not through
 * {@code System.in}: a run stopped while {@code stdin.read} waits for input (Ctrl-C, a failed
 * stage) interrupts the stage thread, and the read ends at once instead of holding the shutdown
 * up until the next line arrives.
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
            InputStream stdin = interruptible(new FileInputStream(FileDescriptor.in));
            return new CommandLine(runtime).execute(List.of(args), new CommandLine.Session(stdin, out, out, err,
                    Path.of("").toAbsolutePath(), System.getenv()));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The file's bytes through its channel: interrupting a thread blocked in {@code read} makes
     * the read throw {@link java.nio.channels.ClosedByInterruptException}. That closes the channel
     * and the file descriptor with it, which for the process's stdin is fine in a one-shot CLI
     * process and why the Gogo commands keep the session's own keyboard.
     */
    static InputStream interruptible(FileInputStream file) {
        return Channels.newInputStream(file.getChannel());
    }
}
