package io.conveyor.plugin.core.internal.json;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.core.internal.file.AtomicFileOutput;
import io.conveyor.plugin.core.internal.file.FileSinkTask;

/** {@code json.write}: writes its inputs to a JSON file, atomically. */
@Component(property = {Stage.FUNCTION + "=json.write", Stage.ROLE + "=sink"})
public final class JsonWriteSink implements Sink {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("json.write", StageRole.SINK)
            .description("Writes rows to a JSON file: an array of objects, one object per line, or one object of "
                    + "columns. Keys follow the column order; integers stay integers, floats keep a decimal point, "
                    + "nulls are null. The file is "
                    + "written under a temporary name and renamed when the run succeeds, so a failed run leaves no "
                    + "half-written file; missing folders are created. Several inputs are written one after the "
                    + "other, in the order of inputs; all are read as their rows come, the later ones into hidden "
                    + "part files beside the target until the run succeeds.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to write (replaced if it exists); a relative path resolves against "
                            + "the working directory.")
                    .example("\"output/big_sales.json\"").build())
            .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("records")
                    .allowedValues("records", "jsonl", "dataframe")
                    .description("records: one JSON array of objects; jsonl: one compact object per line, each "
                            + "ending with a newline; dataframe: one object of columns, {\"id\":[1,2],\"name\":"
                            + "[\"a\",null]}, keeping every type (nested lists and structs as JSON, dates and "
                            + "timestamps as ISO-8601 text), with the values spooled to hidden files beside the "
                            + "target until the run succeeds; every input must have the same columns.")
                    .example("\"jsonl\"").build())
            .parameter(Parameter.builder("pretty", ParameterType.BOOLEAN).defaultValue(false)
                    .description("Indent records with two spaces per level; for dataframe, one column per line. "
                            + "JSON lines are always compact.")
                    .example("true").build())
            .example("Write matching sales as pretty JSON records", """
                    [[stages]]
                    id = "save"
                    function = "json.write"
                    inputs = ["big_sales"]
                    [stages.config]
                    path = "output/big_sales.json"
                    format = "records"
                    pretty = true
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return ConfigValues.problems(ConfigValues.emptyProblem(config, "path"));
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        JsonLayout layout = "jsonl".equals(config.getString("format")) ? JsonLayout.LINES : JsonLayout.RECORDS;
        boolean pretty = config.getBoolean("pretty");
        AtomicFileOutput file = AtomicFileOutput.create(config.getPath("path"), "path", config.getString("path"));
        if ("dataframe".equals(config.getString("format"))) {
            return new JsonColumnsSinkTask(file, inputs, pretty);
        }
        return new FileSinkTask(file, writer -> new JsonFormat(writer, layout, pretty), inputs, null);
    }
}
