package io.conveyor.plugin.core.internal.csv;

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
import io.conveyor.plugin.core.internal.file.SameColumns;

/** {@code csv.write}: writes its inputs to a CSV file, atomically. */
@Component(property = {Stage.FUNCTION + "=csv.write", Stage.ROLE + "=sink"})
public final class CsvWriteSink implements Sink {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("csv.write", StageRole.SINK)
            .description("Writes rows to a CSV file (RFC 4180: fields quoted when needed, nulls empty). Dates are "
                    + "written YYYY-MM-DD and timestamps YYYY-MM-DD HH:MM:SS[.ffffff], as csv.read reads them. The "
                    + "file is written under a temporary name and renamed when the run succeeds, so a failed run "
                    + "leaves no half-written file; missing folders are created. Several inputs are written one "
                    + "after the other, in the order of inputs, and must have the same columns; all are read as "
                    + "their rows come, the later ones into hidden part files beside the target until the run "
                    + "succeeds. An empty result gives just the header (nothing without headers); the file is empty "
                    + "only when no input brought even the columns of an empty result.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to write (replaced if it exists); a relative path resolves against "
                            + "the working directory.")
                    .example("\"output/open_orders.csv\"").build())
            .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(true)
                    .description("Whether to write a first row of column names.").example("false").build())
            .parameter(Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",")
                    .description("The one character separating fields.").example("\"\\t\"").build())
            .example("Write open orders as CSV", """
                    [[stages]]
                    id = "write_open"
                    function = "csv.write"
                    inputs = ["open_ids"]
                    [stages.config]
                    path = "output/open_orders.csv"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return ConfigValues.problems(ConfigValues.emptyProblem(config, "path"),
                ConfigValues.singleCharProblem(config, "delimiter"));
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        char delimiter = config.getString("delimiter").charAt(0);
        boolean headers = config.getBoolean("headers");
        AtomicFileOutput file = AtomicFileOutput.create(config.getPath("path"), "path", config.getString("path"));
        return new FileSinkTask(file, writer -> new CsvFormat(writer, delimiter, headers), inputs,
                new SameColumns(inputs, "the CSV output"));
    }
}
