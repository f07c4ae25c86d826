package io.conveyor.launcher;

import java.util.Optional;
import java.util.Set;

/** The commands {@code bin/conveyor} knows. */
enum Command {
    /** Commands the engine carries out; the launcher only checks that their operand is there. */
    RUN("run", "a pipeline file"),
    VALIDATE("validate", "a pipeline file"),
    LIST("list", null),
    INFO("info", "a function name"),
    DOCS("docs", null),
    GRAPH("graph", "a pipeline file"),
    /** Commands the launcher carries out itself. */
    SERVER("server", null),
    CLIENT("client", "a command to run in the server"),
    HELP("help", null),
    VERSION("--version", null);

    /**
     * Shell commands that only make sense in a running server: {@code bin/conveyor pipelines} is
     * {@code bin/conveyor client pipelines} on the distribution's own home.
     */
    static final Set<String> SERVER_SHELL_COMMANDS =
            Set.of("pipelines", "status", "start", "stop", "history", "top", "tap", "plugins", "upgrade");

    private final String word;
    private final String operand;

    Command(String word, String operand) {
        this.word = word;
        this.operand = operand;
    }

    /** The word typed on the command line. */
    String word() {
        return word;
    }

    /** What the command needs as its one required argument, for the usage error; or empty. */
    Optional<String> requiredOperand() {
        return Optional.ofNullable(operand);
    }

    /** Whether the engine's command-line service carries it out inside a fresh framework. */
    boolean runsInEngine() {
        return this == RUN || this == VALIDATE || this == LIST || this == INFO || this == DOCS || this == GRAPH;
    }

    static Optional<Command> byWord(String word) {
        return switch (word) {
            case "run" -> Optional.of(RUN);
            case "validate" -> Optional.of(VALIDATE);
            case "list" -> Optional.of(LIST);
            case "info" -> Optional.of(INFO);
            case "docs" -> Optional.of(DOCS);
            case "graph" -> Optional.of(GRAPH);
            case "server" -> Optional.of(SERVER);
            case "client" -> Optional.of(CLIENT);
            case "help", "--help", "-h" -> Optional.of(HELP);
            case "--version", "-V" -> Optional.of(VERSION);
            default -> Optional.empty();
        };
    }
}
