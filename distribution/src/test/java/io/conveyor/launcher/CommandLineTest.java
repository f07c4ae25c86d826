package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void commandAndItsArgumentsArePassedOnUntouched() throws UsageException {
        CommandLine line = CommandLine.parse(List.of("run", "--json", "pipeline.toml"));

        assertEquals(Command.RUN, line.command());
        assertEquals(Optional.empty(), line.logLevel());
        assertArrayEquals(new String[] {"run", "--json", "pipeline.toml"}, line.engineArguments());
    }

    @Test
    void logLevelBeforeTheCommandIsAGlobalOption() throws UsageException {
        CommandLine spaced = CommandLine.parse(List.of("--log-level", "debug", "list", "-t", "sources"));
        CommandLine joined = CommandLine.parse(List.of("--log-level=ERROR", "validate", "p.toml"));

        assertEquals(Optional.of(LogLevel.DEBUG), spaced.logLevel());
        assertArrayEquals(new String[] {"list", "-t", "sources"}, spaced.engineArguments());
        assertEquals(Optional.of(LogLevel.ERROR), joined.logLevel());
        assertEquals(Command.VALIDATE, joined.command());
    }

    @Test
    void theServersCommandsGoThroughTheClient() throws UsageException {
        CommandLine line = CommandLine.parse(List.of("pipelines", "--json"));

        assertEquals(Command.CLIENT, line.command());
        assertEquals(List.of("pipelines", "--json"), line.arguments());
        assertEquals(List.of("tap", "--limit", "3", "p", "s"),
                CommandLine.parse(List.of("tap", "--limit", "3", "p", "s")).arguments());
    }

    @Test
    void logLevelAfterTheCommandBelongsToTheCommand() throws UsageException {
        CommandLine line = CommandLine.parse(List.of("run", "p.toml", "--log-level", "debug"));

        assertEquals(Optional.empty(), line.logLevel());
        assertEquals(List.of("p.toml", "--log-level", "debug"), line.arguments());
    }

    @Test
    void helpAndVersionHaveTheirUsualSpellings() throws UsageException {
        for (String word : List.of("help", "--help", "-h")) {
            assertEquals(Command.HELP, CommandLine.parse(List.of(word)).command(), word);
        }
        for (String word : List.of("--version", "-V")) {
            assertEquals(Command.VERSION, CommandLine.parse(List.of(word)).command(), word);
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertUsageError("unknown command 'rnu'", "rnu", "p.toml");
    }

    @Test
    void unknownGlobalOptionIsAUsageError() {
        assertUsageError("unknown option '--verbose'", "--verbose", "run", "p.toml");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertUsageError("no command given");
        assertUsageError("no command given", "--log-level", "info");
    }

    @Test
    void commandsThatNeedAnOperandSayWhich() {
        assertUsageError("run needs a pipeline file", "run");
        assertUsageError("run needs a pipeline file", "run", "--json");
        assertUsageError("validate needs a pipeline file", "validate");
        assertUsageError("info needs a function name", "info");
    }

    @Test
    void badLogLevelListsTheChoices() {
        assertUsageError("--log-level must be one of trace, debug, info, warn, error, off, got 'loud'",
                "--log-level", "loud", "list");
        assertUsageError("--log-level needs a value: trace, debug, info, warn, error, off", "--log-level");
    }

    private static void assertUsageError(String message, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(List.of(args)));
        assertEquals(message, e.getMessage());
        assertEquals(2, e.exitCode());
    }
}
