package io.conveyor.api.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to validate or run, and the world the run sees. Relative paths in stage config resolve
 * against {@link #workingDirectory()}, not against the pipeline file's folder.
 *
 * <p>The pipeline is read from {@link #pipelineFile()} when the run starts, unless the request
 * carries its text ({@link #withText}); the file then only names the pipeline in messages.
 */
public final class RunRequest {

    private final Path pipelineFile;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final String text;

    private RunRequest(Path pipelineFile, Path workingDirectory, Map<String, String> environment,
            InputStream stdin, PrintStream stdout, String text) {
        this.pipelineFile = Objects.requireNonNull(pipelineFile, "pipelineFile");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.environment = Map.copyOf(environment);
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.text = text;
    }

    /** A request for this file, seen from the process's working directory, environment and streams. */
    public static RunRequest of(Path pipelineFile) {
        return new RunRequest(pipelineFile, Path.of("").toAbsolutePath(), System.getenv(), System.in, System.out, null);
    }

    public RunRequest withWorkingDirectory(Path directory) {
        return new RunRequest(pipelineFile, directory, environment, stdin, stdout, text);
    }

    /** The variables {@code ${NAME}} may refer to; replaces the process environment. */
    public RunRequest withEnvironment(Map<String, String> env) {
        return new RunRequest(pipelineFile, workingDirectory, env, stdin, stdout, text);
    }

    public RunRequest withStreams(InputStream in, PrintStream out) {
        return new RunRequest(pipelineFile, workingDirectory, environment, in, out, text);
    }

    /**
     * The same request with the pipeline's text given, so that a later change to the file does
     * not change what runs (a server keeps running the version it deployed).
     *
     * @since 1.1
     */
    public RunRequest withText(String pipelineText) {
        return new RunRequest(pipelineFile, workingDirectory, environment, stdin, stdout,
                Objects.requireNonNull(pipelineText, "pipelineText"));
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

    /**
     * The pipeline's text, when the request carries it; empty when it is read from the file.
     *
     * @since 1.1
     */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }
}
