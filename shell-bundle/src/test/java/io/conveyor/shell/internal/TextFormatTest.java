package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.ValidationDTO;

class TextFormatTest {

    private final TextFormat text = new TextFormat();

    @Test
    void runReportShowsOutcomeAndOneRowPerStage() {
        assertEquals("""
                pipeline 'quickstart': SUCCEEDED in 1.23 s

                stage       function      status       rows in   rows out  batches in  batches out    time
                load_sales  csv.read      SUCCEEDED          -  1,000,000           -          123  850 ms
                big_sales   filter.apply  SUCCEEDED  1,000,000          6         123            2   40 ms
                save        json.write    SUCCEEDED          6          -           2            -    3 ms
                """, text.runReport(ShellFixtures.succeeded()));
    }

    @Test
    void failedRunReportEndsWithItsProblems() {
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = "p";
        report.outcome = "FAILED";
        report.millis = 12;
        report.stages.add(ShellFixtures.stage("src", "csv.read", "FAILED", 0, 0, 0, 0, 2));
        report.problems.add(ShellFixtures.problem("IO", "stage 'src' (csv.read) failed: cannot read x.csv: no such file",
                "p.toml", 7, 1));

        assertEquals("""
                pipeline 'p': FAILED in 12 ms

                stage  function  status  rows in  rows out  batches in  batches out  time
                src    csv.read  FAILED        -         0           -            0  2 ms

                p.toml:7:1: error[IO]: stage 'src' (csv.read) failed: cannot read x.csv: no such file
                """, text.runReport(report));
    }

    @Test
    void invalidRunReportHasNoStageTable() {
        RunReportDTO report = new RunReportDTO();
        report.outcome = "INVALID";
        report.problems.add(ShellFixtures.problem("CONFIG", "[pipeline] name is missing", "p.toml", 1, 1));

        assertEquals("""
                pipeline: INVALID in 0 ms

                p.toml:1:1: error[CONFIG]: [pipeline] name is missing
                """, text.runReport(report));
    }

    @Test
    void validLineNamesFilePipelineAndStageCount() {
        ValidationDTO validation = new ValidationDTO();
        validation.pipelineName = "quickstart";
        validation.stageCount = 3;
        assertEquals("✓ examples/quickstart/pipeline.toml is valid: pipeline 'quickstart', 3 stages\n",
                text.valid("examples/quickstart/pipeline.toml", validation));
    }

    @Test
    void listGroupsByRoleAndShowsConflicts() {
        assertEquals("""
                Sources
                  csv.read      io.conveyor.plugin.core 0.1.0       Reads a CSV file.

                Transforms
                  filter.apply  io.acme.filters 0.1.0 (ranking 10)  Keeps the rows that match.
                    conflict: also provided by io.conveyor.plugin.core 0.1.0, shadowed

                Sinks
                  json.write    io.conveyor.plugin.core 0.1.0       Writes JSON.
                """, text.functions(ShellFixtures.functions()));
    }

    @Test
    void emptyListSaysSo() {
        assertEquals("No functions available.\n", text.functions(List.of()));
    }

    @Test
    void infoShowsParametersWithTypesDefaultsAndAllowedValues() {
        assertEquals("""
                filter.apply (transform)
                provider: io.acme.filters 0.1.0 (ranking 10)
                conflict: also provided by io.conveyor.plugin.core 0.1.0, shadowed

                Keeps the rows that match. Nulls never match.

                Parameters:
                  column    string  required      The column to compare.
                  operator  string  default "=="  How to compare. (one of "==", "!=", ">=")
                  value     any     required      e.g. 150

                Examples:
                  # Keep big sales
                  [[stages]]
                  id = "big"
                  function = "filter.apply"
                """, text.info(ShellFixtures.functions().get(1)));
    }
}
