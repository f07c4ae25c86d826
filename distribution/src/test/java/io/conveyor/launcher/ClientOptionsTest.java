package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClientOptionsTest {

    @Test
    void theCommandIsEverythingFromTheFirstWordOn() throws UsageException {
        assertEquals(new ClientOptions(Optional.empty(), List.of("run", "--json", "p.toml")),
                ClientOptions.parse(List.of("run", "--json", "p.toml")));
        assertEquals(new ClientOptions(Optional.of(Path.of("srv")), List.of("list", "--home", "x")),
                ClientOptions.parse(List.of("--home", "srv", "list", "--home", "x")));
        assertEquals(new ClientOptions(Optional.of(Path.of("/srv/conveyor")), List.of("pipelines")),
                ClientOptions.parse(List.of("--home=/srv/conveyor", "pipelines")));
    }

    @Test
    void mistakesAreUsageErrors() {
        assertUsageError("client needs a command to run in the server, e.g. 'conveyor client list'");
        assertUsageError("client needs a command to run in the server, e.g. 'conveyor client list'", "--home", "srv");
        assertUsageError("--home needs a folder", "--home");
        assertUsageError("--home needs a folder", "--home=", "list");
        assertUsageError("client: unknown option '--port'", "--port", "1", "list");
    }

    private static void assertUsageError(String message, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ClientOptions.parse(List.of(args)));
        assertEquals(message, e.getMessage());
    }
}
