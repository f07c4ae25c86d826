package io.conveyor.launcher;

/** The text of {@code conveyor help}. */
final class Usage {

    static final String TEXT = """
            Usage: conveyor [--log-level LEVEL] <command> [args]

            Commands:
              run [--json] FILE                   run a pipeline; its report goes to stderr
              validate [--json] FILE              check a pipeline without running it
              list [--json] [-t TYPE]             list the stage functions (TYPE: sources, transforms, sinks)
              info [--json] FUNCTION              describe a function and its parameters
              docs                                every function's reference as Markdown (docs/functions.md)
              graph [--format dot|mermaid] FILE   a pipeline's stage graph as Graphviz DOT or a Mermaid flowchart
              server [--home DIR] [--headless]    run a server: deploy/ and pipelines/ are watched, a shell runs on a terminal
              client [--home DIR] COMMAND [ARGS]  run a shell command in the running server of a home
              pipelines, status, start, stop, history, top, tap, plugins, upgrade
                                                  the server's commands: 'conveyor pipelines' is
                                                  'conveyor client pipelines' on this distribution's home
              help                                show this help
              --version                           show the version

            Options:
              --log-level LEVEL   trace, debug, info, warn, error or off (default: warn; info for server)

            Exit codes: 0 ok, 1 the run failed, 2 invalid pipeline or usage error.
            Environment: JAVA_HOME, and JVM options in JAVA_OPTS and CONVEYOR_OPTS
            (e.g. CONVEYOR_OPTS=-Dfelix.fileinstall.poll=200 to poll deploy/ every 200 ms).
            """;

    private Usage() {
    }
}
