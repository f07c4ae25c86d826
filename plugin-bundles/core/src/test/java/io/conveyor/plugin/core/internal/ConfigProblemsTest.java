package io.conveyor.plugin.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Stage;
import io.conveyor.plugin.core.internal.csv.CsvReadSource;
import io.conveyor.plugin.core.internal.csv.CsvWriteSink;
import io.conveyor.plugin.expression.internal.filter.FilterApply;
import io.conveyor.plugin.core.internal.json.JsonReadSource;
import io.conveyor.plugin.core.internal.json.JsonWriteSink;
import io.conveyor.plugin.reshape.internal.select.SelectApply;
import io.conveyor.plugin.core.internal.stdio.StdinReadSource;
import io.conveyor.plugin.core.internal.stdio.StdoutWriteSink;
import io.conveyor.testing.TestConfig;

/**
 * Every problem a stage's validate() reports concerns one key and is a sentence about it,
 * {@code config key 'k' ...}: the engine prefixes only {@code stage 'id': }.
 */
class ConfigProblemsTest {

    private static List<ConfigProblem> validate(Stage stage, Map<String, ?> config) {
        return stage.validate(TestConfig.of(stage.descriptor(), config));
    }

    @Test
    void everyProblemIsASentenceStartingWithItsKey() {
        List<List<ConfigProblem>> reported = List.of(
                validate(new CsvReadSource(), Map.of("path", "", "delimiter", ";;", "quote", "", "infer_schema_length",
                        -1, "null_values", List.of(1))),
                validate(new CsvReadSource(), Map.of("path", "a.csv", "delimiter", ";", "quote", ";")),
                validate(new CsvWriteSink(), Map.of("path", "", "delimiter", "||")),
                validate(new JsonReadSource(), Map.of("path", "", "format", "dataframe")),
                validate(new JsonWriteSink(), Map.of("path", "", "format", "dataframe")),
                validate(new StdinReadSource(), Map.of("delimiter", "ab")),
                validate(new StdoutWriteSink(), Map.of("limit", -1, "delimiter", "ab")),
                validate(new FilterApply(), Map.of("column", "a", "operator", "in", "value", 1)),
                validate(new FilterApply(), Map.of("column", "a", "operator", "in", "value", List.of(List.of()))),
                validate(new FilterApply(), Map.of("column", "a", "operator", "contains", "value", 1)),
                validate(new FilterApply(), Map.of("column", "a", "value", List.of(1))),
                validate(new SelectApply(), Map.of("columns", List.of())),
                validate(new SelectApply(), Map.of("columns", List.of("a", "a"))));
        int count = 0;
        for (List<ConfigProblem> problems : reported) {
            assertTrue(!problems.isEmpty(), "a bad config reports a problem");
            for (ConfigProblem problem : problems) {
                count++;
                String start = "config key '" + problem.key() + "' ";
                assertTrue(problem.key() != null && problem.message().startsWith(start)
                        && !problem.message().substring(start.length()).contains("config key '" + problem.key()),
                        problem.toString());
            }
        }
        assertEquals(19, count);
    }
}
