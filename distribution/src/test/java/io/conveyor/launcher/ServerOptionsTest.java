package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsToTheDistributionHomeWithAConsole() throws UsageException {
        assertEquals(new ServerOptions(Optional.empty(), false), ServerOptions.parse(List.of()));
    }

    @Test
    void homeAndHeadlessInEitherSpelling() throws UsageException {
        assertEquals(new ServerOptions(Optional.of(Path.of("a/home")), true),
                ServerOptions.parse(List.of("--home", "a/home", "--headless")));
        assertEquals(new ServerOptions(Optional.of(Path.of("/srv/conveyor")), false),
                ServerOptions.parse(List.of("--home=/srv/conveyor")));
    }

    @Test
    void homeWithoutAFolderIsAUsageError() {
        assertUsageError("--home needs a folder", "--home");
        assertUsageError("--home needs a folder", "--home=");
    }

    @Test
    void unknownOptionsAndOperandsAreUsageErrors() {
        assertUsageError("server: unknown option '--port'", "--port", "8080");
        assertUsageError("server takes no arguments, got 'home'", "home");
    }

    private static void assertUsageError(String message, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ServerOptions.parse(List.of(args)));
        assertEquals(message, e.getMessage());
    }
}
