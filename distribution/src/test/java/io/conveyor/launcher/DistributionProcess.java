package io.conveyor.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/conveyor} of the assembled distribution ({@code target/conveyor}, passed in by failsafe
 * as {@code conveyor.dist}), run as a separate process the way a user runs it. Every wait is
 * bounded; none is an assertion about time.
 */
final class DistributionProcess {

    static final long WAIT_SECONDS = 120;

    private DistributionProcess() {
    }

    static Path distribution() {
        return Path.of(System.getProperty("conveyor.dist", "target/conveyor")).toAbsolutePath();
    }

    private static ProcessBuilder builder(Path workingDirectory, Map<String, String> environment, String... args) {
        return builder(distribution().resolve("bin/conveyor"), workingDirectory, environment, args);
    }

    private static ProcessBuilder builder(Path script, Path workingDirectory, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add("sh");
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        // the JDK running the tests, whatever the PATH says
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("CONVEYOR_OPTS");
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs a command to its end and returns what it printed. */
    static Completed run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return run(workingDirectory, Map.of(), args);
    }

    static Completed run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return runScript(distribution().resolve("bin/conveyor"), workingDirectory, environment, args);
    }

    /** Runs {@code script} (bin/conveyor, or a link to it) to its end. */
    static Completed runScript(Path script, Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return complete(builder(script, workingDirectory, environment, args)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())), null, args);
    }

    /** Runs a command to its end with {@code input} written to its stdin through a pipe, then closed. */
    static Completed runWithInput(Path workingDirectory, String input, String... args)
            throws IOException, InterruptedException {
        return complete(builder(workingDirectory, Map.of(), args).redirectInput(ProcessBuilder.Redirect.PIPE), input,
                args);
    }

    private static Completed complete(ProcessBuilder builder, String input, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("conveyor-it-", ".out");
        Path err = Files.createTempFile("conveyor-it-", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (input != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("conveyor " + String.join(" ", args) + " did not end within " + WAIT_SECONDS + " s");
            }
            return new Completed(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts a long-running command (a server); its stderr is read line by line as it comes. */
    static Running start(Path workingDirectory, String... args) throws IOException {
        return start(workingDirectory, Map.of(), args);
    }

    static Running start(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
        Process process = builder(workingDirectory, environment, args)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new Running(process);
    }

    record Completed(int exitCode, String stdout, String stderr) {
    }

    /** Waits until {@code file} contains {@code text}, re-reading it every 100 ms; fails after the bounded wait. */
    static void awaitFileContains(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!Files.exists(file) || !Files.readString(file).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not come to contain '" + text + "' within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }

    /** A process whose stderr lines are collected by a reader thread that ends with the stream. */
    static final class Running implements AutoCloseable {

        private static final String END = "\u0000end of stream";

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Running(Process process) {
            this.process = process;
            Thread reader = new Thread(this::readStderr, "stderr of " + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void readStderr() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading stderr failed: " + e + ")");
            } finally {
                lines.add(END);
            }
        }

        Process process() {
            return process;
        }

        /** Waits for a stderr line starting with {@code prefix} and returns it; fails if the process ends first. */
        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line starting with '" + prefix + "' within " + WAIT_SECONDS + " s; stderr so far: " + seen);
                }
                if (line.equals(END)) {
                    lines.add(END);
                    throw new AssertionError("the process ended without printing '" + prefix + "'; stderr: " + seen);
                }
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        /** Every stderr line read so far by {@link #awaitLine}. */
        List<String> seen() {
            return List.copyOf(seen);
        }

        /** Sends SIGTERM and waits for the process to end; returns its exit code. */
        int terminate() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the process did not end within " + WAIT_SECONDS + " s of SIGTERM");
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }
}
