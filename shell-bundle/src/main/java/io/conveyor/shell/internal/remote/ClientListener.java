package io.conveyor.shell.internal.remote;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.shell.internal.ConveyorCommands;

/**
 * A loopback-only socket that runs one shell command per connection, in a fresh Gogo session on
 * the client's working directory, and streams its output back ({@link Frames}). A client must
 * present the {@link ClientSecret}. The port goes to {@code conveyor.port} in the server's home
 * while the listener is open.
 */
final class ClientListener implements AutoCloseable {

    static final String SECRET_FILE = "etc/client.secret";
    static final String PORT_FILE = "conveyor.port";

    private static final Logger LOG = LoggerFactory.getLogger(ClientListener.class);
    /** How long a client may take to send its request. */
    private static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    private final CommandProcessor processor;
    private final ClientSecret secret;
    private final ServerSocket socket;
    private final Path portFile;
    private final ExecutorService connections;

    private ClientListener(CommandProcessor processor, ClientSecret secret, ServerSocket socket, Path portFile) {
        this.processor = processor;
        this.secret = secret;
        this.socket = socket;
        this.portFile = portFile;
        AtomicInteger count = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "conveyor-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static ClientListener open(CommandProcessor processor, ClientSecret secret, Path home, int port) throws IOException {
        ServerSocket socket = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
        ClientListener listener = new ClientListener(processor, secret, socket, home.resolve(PORT_FILE));
        try {
            writePortFile(listener.portFile, socket.getLocalPort());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        listener.connections.execute(listener::accept);
        LOG.info("bin/conveyor client: listening on {}:{}", socket.getInetAddress().getHostAddress(),
                socket.getLocalPort());
        return listener;
    }

    private static void writePortFile(Path file, int port) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, port + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        Files.deleteIfExists(portFile);
        connections.shutdownNow();
        connections.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.execute(() -> serve(client));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warn("bin/conveyor client: accepting a connection failed: {}", e.getMessage());
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
            DataInputStream in = new DataInputStream(client.getInputStream());
            Frames frames = new Frames(client.getOutputStream());
            if (!Frames.MAGIC.equals(in.readUTF())) {
                return;
            }
            String presented = in.readUTF();
            // the whole request is read even from a client about to be refused: closing the socket
            // with bytes unread resets the connection, and the client would lose the refusal
            String directory = in.readUTF();
            List<String> args = readArguments(in);
            if (!secret.matches(presented)) {
                LOG.warn("bin/conveyor client: refused a client from port {}: wrong secret", client.getPort());
                refuse(frames, "the server refused the client: wrong secret (the server's is in its home's "
                        + SECRET_FILE + ")");
                return;
            }
            client.setSoTimeout(0);
            frames.exit(execute(args, Path.of(directory), frames));
        } catch (IOException e) {
            LOG.debug("bin/conveyor client: connection ended early: {}", e.getMessage());
        }
    }

    private static List<String> readArguments(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 1 || count > Frames.MAX_ARGUMENTS) {
            throw new IOException("a request with " + count + " arguments");
        }
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(in.readUTF());
        }
        return args;
    }

    private static void refuse(Frames frames, String message) throws IOException {
        byte[] bytes = ("conveyor: " + message + "\n").getBytes(StandardCharsets.UTF_8);
        frames.write(Frames.ERR, bytes, 0, bytes.length);
        frames.exit(1);
    }

    /** Runs the command in a fresh session on the client's streams; returns its exit code. */
    private int execute(List<String> args, Path directory, Frames frames) {
        PrintStream out = new PrintStream(frames.stream(Frames.OUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(frames.stream(Frames.ERR), true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
        try {
            session.currentDir(directory);
            Object result = session.execute(GogoLine.of(args, session));
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return session.get(ConveyorCommands.EXIT_CODE) instanceof Integer code ? code : 0;
        } catch (Exception e) {
            err.println("conveyor: " + GogoLine.describe(e));
            return GogoLine.exitCodeOf(e);
        } finally {
            out.flush();
            err.flush();
            session.close();
        }
    }
}
