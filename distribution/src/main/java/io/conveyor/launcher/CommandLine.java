package io.conveyor.launcher;

import java.util.List;
import java.util.Optional;

/**
 * {@code conveyor [--log-level LEVEL] <command> [args]}, parsed. Global options come before the
 * command; everything after it belongs to the command and is passed on untouched.
 */
record CommandLine(Optional<LogLevel> logLevel, Command command, List<String> arguments) {

    static final String USAGE_LINE =
            "usage: conveyor [--log-level LEVEL] <command> [args]  ('conveyor help' lists the commands)";

    private static final String LOG_LEVEL = "--log-level";

    CommandLine {
        arguments = List.copyOf(arguments);
    }

    static CommandLine parse(List<String> args) throws UsageException {
        Optional<LogLevel> logLevel = Optional.empty();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals(LOG_LEVEL)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(LOG_LEVEL + " needs a value: " + LogLevel.choices());
                }
                logLevel = Optional.of(LogLevel.parse(args.get(i + 1)));
                i += 2;
            } else if (arg.startsWith(LOG_LEVEL + "=")) {
                logLevel = Optional.of(LogLevel.parse(arg.substring(LOG_LEVEL.length() + 1)));
                i++;
            } else {
                break;
            }
        }
        if (i >= args.size()) {
            throw new UsageException("no command given");
        }
        String word = args.get(i);
        if (Command.SERVER_SHELL_COMMANDS.contains(word)) {
            return new CommandLine(logLevel, Command.CLIENT, args.subList(i, args.size()));
        }
        Optional<Command> command = Command.byWord(word);
        if (command.isEmpty()) {
            throw new UsageException(word.startsWith("-")
                    ? "unknown option '" + word + "'"
                    : "unknown command '" + word + "'");
        }
        List<String> rest = args.subList(i + 1, args.size());
        Optional<String> operand = command.get().requiredOperand();
        if (operand.isPresent() && rest.stream().allMatch(a -> a.startsWith("-"))) {
            throw new UsageException(command.get().word() + " needs " + operand.get());
        }
        return new CommandLine(logLevel, command.get(), rest);
    }

    /** What the engine's command-line service is given: the command word, then its arguments. */
    String[] engineArguments() {
        String[] result = new String[arguments.size() + 1];
        result[0] = command.word();
        for (int i = 0; i < arguments.size(); i++) {
            result[i + 1] = arguments.get(i);
        }
        return result;
    }
}
