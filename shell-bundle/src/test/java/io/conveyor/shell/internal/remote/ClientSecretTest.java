package io.conveyor.shell.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSecretTest {

    @TempDir
    Path dir;

    @Test
    void aNewSecretIsMadeReadableOnlyByItsOwner() throws Exception {
        Path file = dir.resolve("client.secret");

        ClientSecret secret = ClientSecret.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        assertTrue(text.matches("[0-9a-f]{64}\n"), text);
        assertTrue(secret.matches(text.strip()));
        assertTrue(secret.matches(text), "surrounding whitespace is not part of the secret");
    }

    @Test
    void anExistingSecretIsKept() throws Exception {
        Path file = dir.resolve("client.secret");
        Files.writeString(file, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ClientSecret secret = ClientSecret.loadOrCreate(file);

        assertTrue(secret.matches("0123456789abcdef0123456789abcdef"));
        assertFalse(secret.matches("0123456789abcdef0123456789abcdee"));
        assertFalse(secret.matches("0123456789abcdef"));
        assertFalse(secret.matches(""));
        assertEquals("0123456789abcdef0123456789abcdef\n", Files.readString(file));
    }

    @Test
    void aSecretOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("client.secret");
        Files.writeString(file, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ClientSecret.RefusedSetup refused = assertThrows(ClientSecret.RefusedSetup.class, () -> ClientSecret.loadOrCreate(file));

        assertEquals(file + " may be read or written by other users (rw-r--r--); make it rw------- (chmod 600)",
                refused.getMessage());
    }

    @Test
    void aShortSecretIsRefused() throws Exception {
        Path file = dir.resolve("client.secret");
        Files.writeString(file, "abc\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ClientSecret.RefusedSetup refused = assertThrows(ClientSecret.RefusedSetup.class, () -> ClientSecret.loadOrCreate(file));

        assertEquals(file + " holds no secret of at least 16 bytes in hex; delete it to get a new one", refused.getMessage());
    }
}
