package io.conveyor.plugin.stream.internal.source;

import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.plugin.kit.config.ConfigValues;

/** The format keys stdin.stream and file.watch share. */
final class SourceKeys {

    static final String FORMATS = "jsonl: one JSON object per line (blank lines skipped); json: the same, and a line "
            + "may also be an array of objects; csv: CSV records; text: each line a row with one utf8 column, line.";

    private SourceKeys() {
    }

    static Parameter format(List<String> formats) {
        return Parameter.builder("format", ParameterType.STRING).defaultValue("jsonl")
                .allowedValues(formats.toArray())
                .description(FORMATS).example("\"csv\"").build();
    }

    static Parameter headers() {
        return Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(false)
                .description("csv only: whether the first record names the columns; without, columns are "
                        + "field_0, field_1, ... as in the original tool.")
                .example("true").build();
    }

    static Parameter delimiter() {
        return Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",")
                .description("csv only: the one character between fields.").example("\";\"").build();
    }

    static ConfigProblem delimiterProblem(StageConfig config) {
        return ConfigValues.singleCharProblem(config, "delimiter");
    }

    static LineFormat lineFormat(StageConfig config, String source, JsonFactory json) {
        return LineFormat.of(config.getString("format"), config.getBoolean("headers"),
                config.getString("delimiter").charAt(0), source, json);
    }
}
