package io.conveyor.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code server [--home DIR] [--headless]}, parsed. */
record ServerOptions(Optional<Path> home, boolean headless) {

    private static final String HOME = "--home";

    static ServerOptions parse(List<String> args) throws UsageException {
        Optional<Path> home = Optional.empty();
        boolean headless = false;
        for (int i = 0; i < args.size(); i++) {
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
            } else if (arg.equals("--headless")) {
                headless = true;
            } else if (arg.startsWith("-")) {
                throw new UsageException("server: unknown option '" + arg + "'");
            } else {
                throw new UsageException("server takes no arguments, got '" + arg + "'");
            }
        }
        return new ServerOptions(home, headless);
    }
}
