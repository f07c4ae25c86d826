package io.conveyor.api.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to validate or run, and the world the run sees. Relative paths in stage config resolve
 * against {@link #workingDirectory()}, not against the pipeline file's folder.
 */
public final class RunRequest {

    private final Path pipelineFile;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final InputStream stdin;
    private final PrintStream stdout;

    private RunRequest(Path pipelineFile, Path workingDirectory, Map<String, String> environment,
            InputStream stdin, PrintStream stdout) {
        this.pipelineFile = Objects.requireNonNull(pipelineFile, "pipelineFile");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.environment = Map.copyOf(environment);
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
    }

    /** A request for this file, seen from the process's working directory, environment and streams. */
    public static RunRequest of(Path pipelineFile) {
        return new RunRequest(pipelineFile, Path.of("").toAbsolutePath(), System.getenv(), System.in, System.out);
    }

    public RunRequest withWorkingDirectory(Path directory) {
        return new RunRequest(pipelineFile, directory, environment, stdin, stdout);
    }

    /** The variables {@code ${NAME}} may refer to; replaces the process environment. */
    public RunRequest withEnvironment(Map<String, String> env) {
        return new RunRequest(pipelineFile, workingDirectory, env, stdin, stdout);
    }

    public RunRequest withStreams(InputStream in, PrintStream out) {
        return new RunRequest(pipelineFile, workingDirectory, environment, in, out);
    }

    public Path pipelineFile() {
        return pipelineFile;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public InputStream stdin() {
        return stdin;
    }

    public PrintStream stdout() {
        return stdout;
    }
}
