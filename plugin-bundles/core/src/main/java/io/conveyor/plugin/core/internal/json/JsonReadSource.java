package io.conveyor.plugin.core.internal.json;

import java.io.InputStream;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.kit.file.InputFiles;

/** {@code json.read}: streams a JSON array of objects, or JSON lines, as typed batches. */
@Component(property = {Stage.FUNCTION + "=json.read", Stage.ROLE + "=source"})
public final class JsonReadSource implements Source {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("json.read", StageRole.SOURCE)
            .description("Reads JSON records from a file: one array of objects, one object per line, or one "
                    + "object of columns. For records, the "
                    + "first 100 records decide the columns (their keys, in order of first appearance) and types: "
                    + "int64, float64, bool, utf8; nested objects and arrays become utf8 cells of JSON text. A "
                    + "missing key is null; a later record with a new key, or a value that does not fit its "
                    + "column, fails the run with the line, key and value. Records are parsed as a stream; the "
                    + "column layout is read whole, with types inferred from all of a column's values.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to read; a relative path resolves against the working directory.")
                    .example("\"data/users.json\"").build())
            .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("records")
                    .allowedValues("records", "jsonl", "dataframe")
                    .description("records: a JSON array of objects; jsonl: one object per line (blank lines are "
                            + "skipped; an object may not span lines); dataframe: one object of columns, "
                            + "{\"id\": [1, 2], \"name\": [\"a\", null]}, whose arrays have equal lengths, as "
                            + "json.write writes it (a file holding an array is read as records, as the original "
                            + "tool did).")
                    .example("\"jsonl\"").build())
            .example("Read a JSON array of objects", """
                    [[stages]]
                    id = "users"
                    function = "json.read"
                    [stages.config]
                    path = "data/users.json"
                    """)
            .example("Read a JSON object of columns", """
                    [[stages]]
                    id = "scores"
                    function = "json.read"
                    [stages.config]
                    path = "data/scores.json"
                    format = "dataframe"
                    """)
            .example("Read JSON lines", """
                    [[stages]]
                    id = "events"
                    function = "json.read"
                    [stages.config]
                    path = "logs/events.jsonl"
                    format = "jsonl"
                    """)
            .build();

    private final JsonFactory factory = new JsonFactory();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return ConfigValues.problems(ConfigValues.emptyProblem(config, "path"));
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        ConfigValues.throwFirst(validate(config));
        String shown = config.getString("path");
        InputStream in = InputFiles.open(config.getPath("path"), "path", shown);
        return switch (config.getString("format")) {
            case "jsonl" -> JsonBatchReader.lines(factory, in, shown, context);
            case "dataframe" -> JsonColumnsReader.open(factory, in, shown, context);
            default -> JsonBatchReader.array(factory, in, shown, "format = \"records\"", context);
        };
    }
}
