package io.conveyor.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code bin/conveyor} on a terminal, as a user at a keyboard has it: util-linux's
 * {@code script(1)} runs it on a pseudo-terminal, takes keys from the test and passes back what
 * the terminal shows. Every wait is bounded; none is an assertion about time.
 */
final class PseudoTerminal implements AutoCloseable {

    /** Escape sequences: colours, cursor moves, modes; removed before the screen's text is searched. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-9;?]*[ -/]*[@-~]|\\][^\u0007]*\u0007|[=>])");

    private final Process process;
    private final OutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    /** Where the text the next {@link #await} searches begins. */
    private int mark;

    private PseudoTerminal(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        Thread reader = new Thread(this::readScreen, "terminal of " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code bin/conveyor ARGS} in {@code workingDirectory} on a 160x50 terminal of type
     * xterm, with {@code workingDirectory} as the JVM's user home, where the console keeps its history.
     */
    static PseudoTerminal start(Path workingDirectory, String... args) throws IOException {
        StringBuilder command = new StringBuilder("stty cols 160 rows 50; exec sh ")
                .append(quoted(DistributionProcess.distribution().resolve("bin/conveyor").toString()));
        for (String arg : args) {
            command.append(' ').append(quoted(arg));
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-f", "-e", "-c", command.toString(), "/dev/null")
                .directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TERM", "xterm");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("CONVEYOR_OPTS", "-Duser.home=" + workingDirectory.toAbsolutePath());
        return new PseudoTerminal(builder.start());
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private void readScreen() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (screen) {
                    screen.write(buffer, 0, n);
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Types {@code keys}: {@code \t} is Tab, {@code \r} is Enter. */
    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits until the screen shows {@code text} after what earlier awaits found; fails after the bounded wait. */
    void await(String text) throws InterruptedException {
        awaitMatch(Pattern.quote(text));
    }

    /** Waits until the screen's text after the last match matches {@code regex}. */
    void awaitMatch(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DistributionProcess.WAIT_SECONDS);
        synchronized (screen) {
            while (true) {
                String text = text();
                var matcher = pattern.matcher(text);
                if (matcher.find(Math.min(mark, text.length()))) {
                    mark = matcher.end();
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the terminal never showed /" + regex + "/; it shows:\n"
                            + text.substring(Math.min(mark, text.length())));
                }
                screen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** What the terminal showed so far, without escape sequences and carriage returns. */
    private String text() {
        return ESCAPES.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("").replace("\r", "");
    }

    /** Waits for the program to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DistributionProcess.WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the program did not end within " + DistributionProcess.WAIT_SECONDS + " s");
        }
        return process.exitValue();
    }

    /** The process, and whatever it started on the terminal, ends with it: closing the terminal hangs it up. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
        process.destroy();
        process.waitFor(DistributionProcess.WAIT_SECONDS, TimeUnit.SECONDS);
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
