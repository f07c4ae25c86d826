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
        assertEquals(ScheduleSpec.of("once"), schedule("mode = \"once\""));
        assertEquals(ScheduleSpec.of("manual"), schedule("mode = \"manual\""));
        assertEquals(ScheduleSpec.of("continuous"), schedule("mode = \"continuous\""));
        assertEquals(ScheduleSpec.interval(90_000, "90s"), schedule("mode = \"interval\"\ninterval = \"90s\""));
    }

    @Test
    void anIntervalAloneImpliesTheIntervalMode() throws Exception {
        assertEquals(ScheduleSpec.interval(250, "250ms"), schedule("interval = \"250ms\""));
        assertEquals(ScheduleSpec.interval(15 * 60_000, "15m"), schedule("interval = \"15m\""));
        assertEquals(ScheduleSpec.interval(2 * 3_600_000, "2h"), schedule("interval = \"2h\""));
        assertEquals(ScheduleSpec.interval(86_400_000, "1d"), schedule("interval = \"1d\""));
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
                        + " \"continuous\", \"manual\", \"cron\", got \"hourly\"",
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
    void aCronAloneImpliesTheCronModeInTheServersZone() throws Exception {
        assertEquals(ScheduleSpec.cron("*/5 * * * *", null), schedule("cron = \"*/5 * * * *\""));
        assertEquals(ScheduleSpec.cron("0 2 * * MON-FRI", null), schedule("mode = \"cron\"\ncron = \"0 2 * * MON-FRI\""));
    }

    @Test
    void readsACronWithSecondsAndATimezone() throws Exception {
        assertEquals(ScheduleSpec.cron("*/10 * * * * *", "Europe/Paris"),
                schedule("cron = \"*/10 * * * * *\"\ntimezone = \"Europe/Paris\""));
        assertEquals(ScheduleSpec.cron("0 0 1 * *", "UTC"), schedule("cron = \"0 0 1 * *\"\ntimezone = \"UTC\""));
        assertEquals(ScheduleSpec.cron("0 0 29 2 *", null), schedule("cron = \"0 0 29 2 *\"")); // leap years only
    }

    @Test
    void reportsAnInvalidCronExpressionWithTheLibrarysReason() {
        assertProblems(HEADER + "[schedule]\ncron = \"61 * * * *\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron \"61 * * * *\" is not a valid cron expression:"
                        + " Failed to parse cron expression. Value 61 not in range [0, 59]");
        assertProblems(HEADER + "[schedule]\ncron = \"0 0 L * *\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron \"0 0 L * *\" is not a valid cron expression:"
                        + " Failed to parse cron expression. Invalid chars in expression! Expression: L Invalid chars: L");
        assertProblems(HEADER + "[schedule]\ncron = \"0 30 2 * * * 2030\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron \"0 30 2 * * * 2030\" is not a valid cron"
                        + " expression: it has 7 fields, not 5 (minute hour day-of-month month day-of-week) or 6"
                        + " (seconds first)");
        assertProblems(HEADER + "[schedule]\ncron = \"0 0 30 2 *\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron \"0 0 30 2 *\" is not a valid cron expression:"
                        + " it never matches");
        assertProblems(HEADER + "[schedule]\ncron = 5\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron must be a string, got integer 5");
    }

    @Test
    void reportsAnUnknownTimezone() {
        assertProblems(HEADER + "[schedule]\ncron = \"0 * * * *\"\ntimezone = \"Europe/Pariss\"\n" + STAGE,
                "pipeline.toml:5:1: error[CONFIG]: [schedule] timezone \"Europe/Pariss\" is not a time zone (such as"
                        + " \"Europe/Paris\" or \"UTC\"): Unknown time-zone ID: Europe/Pariss");
    }

    @Test
    void reportsACronWithAnotherModeOrAnInterval() {
        assertProblems(HEADER + "[schedule]\ncron = \"0 * * * *\"\ninterval = \"1h\"\n" + STAGE,
                "pipeline.toml:5:1: error[CONFIG]: [schedule] interval applies only to mode = \"interval\", not"
                        + " \"cron\"");
        assertProblems(HEADER + "[schedule]\nmode = \"interval\"\ninterval = \"1h\"\ncron = \"0 * * * *\"\n" + STAGE,
                "pipeline.toml:6:1: error[CONFIG]: [schedule] cron applies only to mode = \"cron\", not \"interval\"");
        assertProblems(HEADER + "[schedule]\nmode = \"once\"\ntimezone = \"UTC\"\n" + STAGE,
                "pipeline.toml:5:1: error[CONFIG]: [schedule] timezone applies only to mode = \"cron\", not \"once\"");
        assertProblems(HEADER + "[schedule]\nmode = \"cron\"\n" + STAGE,
                "pipeline.toml:4:1: error[CONFIG]: [schedule] cron is missing: mode = \"cron\" needs one,"
                        + " e.g. cron = \"*/15 * * * *\"");
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
