package io.conveyor.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code client [--home DIR] COMMAND [ARGS]}, parsed: the options end at the command's word. */
record ClientOptions(Optional<Path> home, List<String> command) {

    private static final String HOME = "--home";

    ClientOptions {
        command = List.copyOf(command);
    }

    static ClientOptions parse(List<String> args) throws UsageException {
        Optional<Path> home = Optional.empty();
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String arg = args.get(i);
            if (arg.equals(HOME)) {
                if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                    throw new UsageException(HOME + " needs a folder");
                }
                home = Optional.of(Path.of(args.get(++i)));
            } else if (arg.startsWith(HOME + "=")) {
                String value = arg.substring(HOME.length() + 1);
                if (value.isEmpty()) {
                    throw new UsageException(HOME + " needs a folder");
                }
                home = Optional.of(Path.of(value));
            } else {
                throw new UsageException("client: unknown option '" + arg + "'");
            }
        }
        if (i >= args.size()) {
            throw new UsageException("client needs a command to run in the server, e.g. 'conveyor client list'");
        }
        return new ClientOptions(home, args.subList(i, args.size()));
    }
}
