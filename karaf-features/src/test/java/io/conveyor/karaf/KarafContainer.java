package io.conveyor.karaf;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stock Apache Karaf, unpacked by the build, copied to a fresh home and started as its own process
 * with {@code bin/karaf daemon}, the way an operator starts it. Everything it opens listens on
 * loopback, on ports that were free; its Maven URLs resolve from one local folder only. Commands run
 * through {@code bin/client} (ssh on loopback) as a user with a random password. {@link #close()}
 * ends the process it started, by its PID, whatever happened before.
 */
final class KarafContainer implements AutoCloseable {

    static final long WAIT_SECONDS = 90;

    private static final String LOOPBACK = "127.0.0.1";
    private static final String USER = "conveyor-it";

    private final Path home;
    private final int sshPort;
    private final String password;
    private final Process process;
    /** Ends Karaf if the test JVM itself is ended before {@link #close()}. */
    private final Thread killOnExit;

    private KarafContainer(Path home, int sshPort, String password, Process process) {
        this.home = home;
        this.sshPort = sshPort;
        this.password = password;
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "end Karaf " + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Copies {@code distribution} to {@code home} (emptied first), configures it and starts it; returns
     * once its console runs commands and the framework has started. Fails, with the end of Karaf's
     * logs, if that does not happen in time.
     */
    static KarafContainer start(Path distribution, Path home, Path repository) throws IOException, InterruptedException {
        deleteTree(home);
        copyTree(distribution, home);
        int sshPort = freePort();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        configure(home, sshPort, password, repository);

        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/karaf").toString(), "daemon")
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        environment(builder, home);
        // Arrow's MemoryUtil needs java.nio opened to the bundles (docs/karaf.md)
        builder.environment().put("EXTRA_JAVA_OPTS", "--add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe");
        KarafContainer karaf = new KarafContainer(home, sshPort, password, builder.start());
        try {
            karaf.awaitSshPort();
            karaf.awaitStartLevel();
        } catch (RuntimeException | Error | InterruptedException e) {
            karaf.close();
            throw e;
        }
        return karaf;
    }

    Path home() {
        return home;
    }

    /**
     * Runs one console command line through {@code bin/client} and returns what it printed. A command
     * that is not registered yet (Karaf's own while it boots, or a DS command while its component
     * activates) is retried until it is, for a bounded time.
     */
    Completed execute(String commandLine) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Completed completed = client(commandLine);
            if (!completed.output().contains("Command not found")) {
                return completed;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + commandLine + "' was still not found after " + WAIT_SECONDS + " s: "
                        + completed.output() + logs());
            }
            Thread.sleep(500);
        }
    }

    /** Runs a command line that must succeed, and returns its output. */
    String succeed(String commandLine) throws IOException, InterruptedException {
        Completed completed = execute(commandLine);
        if (completed.exitCode() != 0 || completed.output().contains("Error executing command")) {
            throw new AssertionError("'" + commandLine + "' failed (exit " + completed.exitCode() + "): "
                    + completed.output() + logs());
        }
        return completed.output();
    }

    private Completed client(String commandLine) throws IOException, InterruptedException {
        Path output = Files.createTempFile(home, "client-", ".out");
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/client").toString(),
                "-h", LOOPBACK, "-a", Integer.toString(sshPort), "-u", USER, "-p", password));
        command.add(commandLine);
        // stdin stays open until the client ends: at the end of its input, bin/client closes the
        // session, and an empty stdin (/dev/null) closes it before the command has run
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        environment(builder, home);
        Process client = builder.start();
        try (OutputStream stdin = client.getOutputStream()) {
            if (!client.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new AssertionError("bin/client '" + commandLine + "' did not end within " + WAIT_SECONDS + " s" + logs());
            }
            return new Completed(client.exitValue(), Files.readString(output));
        } finally {
            Files.delete(output);
        }
    }

    private void awaitSshPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!accepts(sshPort)) {
            if (!process.isAlive()) {
                throw new AssertionError("Karaf ended with exit code " + process.exitValue() + " before its console came up" + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Karaf's ssh console did not open port " + sshPort + " within " + WAIT_SECONDS + " s" + logs());
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the console logs the user in and the framework has reached its final start level. */
    private void awaitStartLevel() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        Completed completed = client("system:start-level");
        while (completed.exitCode() != 0 || !completed.output().strip().equals("Level 100")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Karaf did not reach start level 100 within " + WAIT_SECONDS + " s: "
                        + completed.output() + logs());
            }
            Thread.sleep(500);
            completed = client("system:start-level");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The end of Karaf's console output and log, for a failure message. */
    String logs() {
        return "\n--- console.log ---\n" + tail(home.resolve("console.log"))
                + "\n--- data/log/karaf.log ---\n" + tail(home.resolve("data/log/karaf.log"));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of("(none)");
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops Karaf by its PID: SIGTERM (Karaf stops the framework), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private static void environment(ProcessBuilder builder, Path home) {
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("KARAF_") || name.endsWith("JAVA_OPTS"));
        // the JDK running the tests, whatever the PATH says
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // bin/client keeps the server's host key in ~/.sshkaraf: this home, not the user's
        environment.put("KARAF_OPTS", "-Duser.home=" + home);
    }

    private static void configure(Path home, int sshPort, String password, Path repository) throws IOException {
        Path etc = home.resolve("etc");
        setProperties(etc.resolve("org.apache.karaf.shell.cfg"), Map.of(
                "sshHost", LOOPBACK,
                "sshPort", Integer.toString(sshPort)));
        setProperties(etc.resolve("org.apache.karaf.management.cfg"), Map.of(
                "rmiRegistryHost", LOOPBACK,
                "rmiRegistryPort", Integer.toString(freePort()),
                "rmiServerHost", LOOPBACK,
                "rmiServerPort", Integer.toString(freePort())));
        // Karaf's own system/ folder plus the build's repository, both read in place; no remote
        // repository, and a local repository of its own (never ~/.m2)
        setProperties(etc.resolve("org.ops4j.pax.url.mvn.cfg"), Map.of(
                "org.ops4j.pax.url.mvn.localRepository", home.resolve("m2").toString(),
                "org.ops4j.pax.url.mvn.defaultRepositories",
                "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                        + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots, "
                        + repository.toUri() + "@id=conveyor@snapshots",
                "org.ops4j.pax.url.mvn.repositories", "",
                "org.ops4j.pax.url.mvn.useFallbackRepositories", "false"));
        // the scr feature's bundles for Karaf's management and bundle features: not resolvable from
        // Maven Central (their parent pom is missing there), so the build cannot fetch them
        Files.writeString(etc.resolve("org.apache.karaf.features.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <featuresProcessing xmlns="http://karaf.apache.org/xmlns/features-processing/v1.0.0">
                    <blacklistedBundles>
                        <bundle>mvn:org.apache.karaf.scr/*</bundle>
                    </blacklistedBundles>
                </featuresProcessing>
                """, StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("users.properties"),
                "\n" + USER + " = " + password + ",_g_:admingroup\n"
                        + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Sets each key in a Karaf .cfg file: replaces its line (commented out or not), or appends one. */
    static void setProperties(Path file, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String line = entry.getKey() + " = " + entry.getValue();
            int index = indexOfKey(lines, entry.getKey());
            if (index < 0) {
                lines.add(line);
            } else {
                lines.set(index, line);
                // the value of a replaced line may have continued on the next lines
                while (index + 1 < lines.size() && lines.get(index + 1).startsWith(" ") && !lines.get(index + 1).isBlank()) {
                    lines.remove(index + 1);
                }
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static int indexOfKey(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                line = line.substring(1).strip();
            }
            if (line.matches(Pattern.quote(key) + "\\s*[=:].*")) {
                return i;
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    record Completed(int exitCode, String output) {
    }
}
