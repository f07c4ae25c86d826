package io.conveyor.launcher;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code conveyor client}: runs one shell command in the server of a home and prints its output,
 * for scripts and tests. The server listens on loopback only, on the port it wrote to
 * {@code conveyor.port}, and takes a command only with the secret of {@code etc/client.secret},
 * a file only the server's user can read. The wire format is in docs/operations.md; the server's
 * half is the shell bundle's {@code ClientListener}.
 */
final class ServerClient {

    private static final String MAGIC = "conveyor-client/1";
    private static final byte OUT = 'O';
    private static final byte ERR = 'E';
    private static final byte EXIT = 'X';

    private final ServerHome home;

    ServerClient(ServerHome home) {
        this.home = home;
    }

    /** Sends the command, copies the output to {@code out} and {@code err}; returns the server's exit code. */
    int run(List<String> command, Path workingDirectory, PrintStream out, PrintStream err)
            throws LauncherException {
        int port = readPort();
        String secret = readSecret();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            send(new DataOutputStream(new BufferedOutputStream(socket.getOutputStream())), secret, workingDirectory,
                    command); // buffered: the request leaves in one write
            return receive(new DataInputStream(socket.getInputStream()), out, err);
        } catch (ConnectException e) {
            throw failure("no server answers on port " + port + " (from " + home.clientPortFile()
                    + "); is it still running?");
        } catch (EOFException e) {
            throw failure("the server closed the connection before the command ended; see " + home.logFile());
        } catch (IOException e) {
            throw failure("talking to the server on port " + port + " failed: " + e.getMessage());
        }
    }

    private int readPort() throws LauncherException {
        String text;
        try {
            text = Files.readString(home.clientPortFile(), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw failure("no server is running on " + home.root() + " (it has no conveyor.port); start one with"
                    + " 'conveyor server --home " + home.root() + "'");
        } catch (IOException e) {
            throw failure("cannot read " + home.clientPortFile() + ": " + e.getMessage());
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw failure(home.clientPortFile() + " holds '" + text + "', not a port number");
        }
    }

    private String readSecret() throws LauncherException {
        try {
            return Files.readString(home.clientSecretFile(), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw failure("no client secret at " + home.clientSecretFile() + "; the server writes it when it starts");
        } catch (IOException e) {
            throw failure("cannot read the client secret " + home.clientSecretFile() + " (" + e.getClass().getSimpleName()
                    + "); run the client as the server's user");
        }
    }

    private static void send(DataOutputStream out, String secret, Path workingDirectory, List<String> command)
            throws IOException {
        out.writeUTF(MAGIC);
        out.writeUTF(secret);
        out.writeUTF(workingDirectory.toAbsolutePath().toString());
        out.writeInt(command.size());
        for (String arg : command) {
            out.writeUTF(arg);
        }
        out.flush();
    }

    private static int receive(DataInputStream in, PrintStream out, PrintStream err) throws IOException {
        while (true) {
            byte kind = in.readByte();
            if (kind == EXIT) {
                return in.readInt();
            }
            if (kind != OUT && kind != ERR) {
                throw new IOException("the server sent a frame of unknown kind " + kind);
            }
            PrintStream target = kind == ERR ? err : out;
            target.write(in.readNBytes(in.readInt()));
            target.flush();
        }
    }

    private static LauncherException failure(String message) {
        return new LauncherException(LauncherException.EXIT_FAILURE, message);
    }
}
