package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.ScheduleSpec;

class ScheduleSectionTest {

    private static final String HEADER = """
            [pipeline]
            name = "p"
            """;
    private static final String STAGE = """

            [[stages]]
            id = "a"
            function = "csv.read"
            """;

    private final PipelineLoader loader = new PipelineLoader();

    @Test
    void aPipelineWithoutScheduleRunsOnceWithTheDefaultTimeout() throws Exception {
        PipelineSpec spec = parse(HEADER + STAGE);

        assertEquals(ScheduleSpec.once(), spec.schedule());
        assertEquals(GlobalSpec.DEFAULT_TIMEOUT_SECONDS, spec.global().timeoutSeconds());
    }

    @Test
    void readsEachMode() throws Exception {
        assertEquals(new ScheduleSpec("once", 0, null), schedule("mode = \"once\""));
        assertEquals(new ScheduleSpec("manual", 0, null), schedule("mode = \"manual\""));
        assertEquals(new ScheduleSpec("continuous", 0, null), schedule("mode = \"continuous\""));
        assertEquals(new ScheduleSpec("interval", 90_000, "90s"), schedule("mode = \"interval\"\ninterval = \"90s\""));
    }

    @Test
    void anIntervalAloneImpliesTheIntervalMode() throws Exception {
        assertEquals(new ScheduleSpec("interval", 250, "250ms"), schedule("interval = \"250ms\""));
        assertEquals(new ScheduleSpec("interval", 15 * 60_000, "15m"), schedule("interval = \"15m\""));
        assertEquals(new ScheduleSpec("interval", 2 * 3_600_000, "2h"), schedule("interval = \"2h\""));
        assertEquals(new ScheduleSpec("interval", 86_400_000, "1d"), schedule("interval = \"1d\""));
    }

    @Test
    void aContinuousPipelineHasNoTimeoutUnlessItSetsOne() throws Exception {
        assertEquals(GlobalSpec.NO_TIMEOUT, parse(HEADER + "[schedule]\nmode = \"continuous\"\n" + STAGE)
                .global().timeoutSeconds());
        assertEquals(60, parse(HEADER + "[global]\ntimeout_seconds = 60\n[schedule]\nmode = \"continuous\"\n" + STAGE)
                .global().timeoutSeconds());
    }

    @Test
    void reportsEveryMistakeAtItsKey() {
        assertProblems(HEADER + """
                [schedule]
                mode = "hourly"
                every = "1h"
                """ + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] mode must be one of \"once\", \"interval\","
                        + " \"continuous\", \"manual\", got \"hourly\"",
                "pipeline.toml:5:1: error[CONFIG]: [schedule] unknown key 'every'");
    }

    @Test
    void reportsABadOrTooShortInterval() {
        assertProblems(HEADER + "[schedule]\ninterval = \"15 minutes\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] interval must be a duration such as \"500ms\","
                        + " \"30s\", \"15m\", \"2h\" or \"1d\", got \"15 minutes\"");
        assertProblems(HEADER + "[schedule]\ninterval = \"10ms\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] interval must be at least 100ms, got \"10ms\"");
        assertProblems(HEADER + "[schedule]\ninterval = 30\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] interval must be a string, got integer 30");
    }

    @Test
    void reportsAnIntervalModeWithoutIntervalAndAnIntervalWithAnotherMode() {
        assertProblems(HEADER + "[schedule]\nmode = \"interval\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] interval is missing: mode = \"interval\" needs one,"
                        + " e.g. interval = \"15m\"");
        assertProblems(HEADER + "[schedule]\nmode = \"continuous\"\ninterval = \"1m\"\n" + STAGE,
                "pipeline.toml:5:1: error[CONFIG]: [schedule] interval applies only to mode = \"interval\", not"
                        + " \"continuous\"");
    }

    @Test
    void saysCronIsNotSupportedYet() {
        assertProblems(HEADER + "[schedule]\ncron = \"0 * * * *\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron is not supported yet: use mode = \"interval\""
                        + " with interval = \"1h\"");
    }

    private ScheduleSpec schedule(String keys) throws PipelineException {
        return parse(HEADER + "[schedule]\n" + keys + "\n" + STAGE).schedule();
    }

    private PipelineSpec parse(String text) throws PipelineException {
        return loader.parse(text, "pipeline.toml", Map.of());
    }

    private void assertProblems(String text, String... expected) {
        PipelineException e = assertThrows(PipelineException.class, () -> parse(text));
        assertEquals(List.of(expected), PipelineLoaderTest.lines(e));
    }
}
