package io.conveyor.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.StageReportDTO;

/** Building run requests in a scratch folder, and reading reports in a form tests compare exactly. */
final class Runs {

    private Runs() {
    }

    /**
     * A request for {@code pipeline} run from {@code workingDirectory}, with an empty environment,
     * empty stdin and a stdout that goes nowhere: tests look at files and reports.
     */
    static RunRequest request(Path pipeline, Path workingDirectory) {
        return RunRequest.of(pipeline)
                .withWorkingDirectory(workingDirectory)
                .withEnvironment(Map.of())
                .withStreams(new ByteArrayInputStream(new byte[0]),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Copies {@code examples/<name>} to {@code <workingDirectory>/examples/<name>}, as the pipelines expect. */
    static Path copyExample(String name, Path workingDirectory) {
        Path from = TestPaths.examples().resolve(name);
        Path to = workingDirectory.resolve("examples").resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("output")) {
                    continue; // results of an earlier run from the repository, not part of the example
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy example " + name, e);
        }
        return to.resolve("pipeline.toml");
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One line per stage: {@code id function rowsIn -> rowsOut STATUS}. */
    static List<String> stageLines(RunReportDTO report) {
        return report.stages.stream().map(Runs::stageLine).toList();
    }

    private static String stageLine(StageReportDTO stage) {
        return stage.stageId + " " + stage.function + " " + stage.rowsIn + " -> " + stage.rowsOut + " " + stage.status;
    }

    /** The problems as the command line prints them. */
    static List<String> problemLines(List<ProblemDTO> problems) {
        return problems.stream().map(ProblemDTO::toString).toList();
    }

    /** The outcome followed by the problems: what a failed assertion should show. */
    static String outcome(RunReportDTO report) {
        return report.outcome + (report.problems.isEmpty() ? "" : " " + problemLines(report.problems));
    }
}
