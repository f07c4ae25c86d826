package io.conveyor.itests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.conveyor.api.runtime.RunReportDTO;

/** A run's stdout, read while the run writes it. */
final class RunOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the run has printed exactly {@code expected}; more or other text fails at once. */
    void await(CharSequence expected) {
        try {
            awaitExactly(expected.toString());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; stdout is " + text().replace("\n", "\\n"), e);
        }
    }

    /**
     * As {@link #await}, for a run submitted to {@code runner}: if the text never comes, stops the
     * run (by interrupting its caller) and fails with how it ended.
     */
    void await(CharSequence expected, ExecutorService runner, Future<RunReportDTO> run) throws Exception {
        try {
            await(expected);
        } catch (AssertionError e) {
            runner.shutdownNow();
            RunReportDTO report = run.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError(e.getMessage() + "; the run ended " + report.outcome + ", problems "
                    + report.problems.stream().map(p -> p.message).toList() + ", stages " + Runs.stageLines(report), e);
        }
    }

    private void awaitExactly(String expected) {
        Await.until("stdout to be " + expected.replace("\n", "\\n"), () -> {
            String now = text();
            if (!expected.startsWith(now)) {
                throw new AssertionError("stdout is " + now.replace("\n", "\\n") + ", expected "
                        + expected.replace("\n", "\\n"));
            }
            return now.equals(expected);
        });
    }
}
