package io.conveyor.shell.internal.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The shared secret a client must present: 32 random bytes in hex, kept in a file only the
 * server's user may read ({@code rw-------}), made on the server's first start. A file that others
 * may read or write is refused, as ssh refuses a private key that is too open.
 */
final class ClientSecret {

    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] value;

    private ClientSecret(byte[] value) {
        this.value = value;
    }

    /** Reads the secret file, creating it with a new secret first if there is none. */
    static ClientSecret loadOrCreate(Path file) throws IOException, RefusedSetup {
        if (!Files.exists(file)) {
            create(file);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new RefusedSetup(file + " may be read or written by other users ("
                    + PosixFilePermissions.toString(permissions) + "); make it rw------- (chmod 600)");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() < 2 * 16) {
            throw new RefusedSetup(file + " holds no secret of at least 16 bytes in hex; delete it to get a new one");
        }
        return new ClientSecret(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return; // another server of this home made it meanwhile: use theirs
        }
        Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
    }

    /** Compares in constant time, so that response times do not leak how much of a guess was right. */
    boolean matches(String presented) {
        return MessageDigest.isEqual(value, presented.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The endpoint cannot be set up safely; it stays closed and the server says why in its log. */
    static final class RefusedSetup extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedSetup(String message) {
            super(message);
        }
    }
}
