package io.conveyor.plugin.core.internal.csv;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

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
import io.conveyor.plugin.core.internal.file.InputFiles;

/** {@code csv.read}: streams a CSV file as typed batches. */
@Component(property = {Stage.FUNCTION + "=csv.read", Stage.ROLE + "=source"})
public final class CsvReadSource implements Source {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("csv.read", StageRole.SOURCE)
            .description("Reads a CSV file. Column types are inferred from the first rows: int64, float64, "
                    + "bool (true/false in any case), otherwise utf8; empty cells are null, while a quoted empty "
                    + "field (\"\") is an empty string (null in a typed column). Empty lines are skipped, except in "
                    + "a file of one column, where each is a row with an empty cell. Quoted fields may "
                    + "hold delimiters, doubled quotes and line breaks. The file is streamed in batches, never "
                    + "loaded whole; a later value that does not fit its column's inferred type fails the run "
                    + "with the file, line, column and value. A header without rows gives an empty result that "
                    + "keeps the header's columns, as utf8.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to read; a relative path resolves against the working directory.")
                    .example("\"data/sales.csv\"").build())
            .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(true)
                    .description("Whether the first row names the columns. Without headers the columns are "
                            + "named column_1, column_2, ...")
                    .example("false").build())
            .parameter(Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",")
                    .description("The one character separating fields.")
                    .example("\";\"").build())
            .parameter(Parameter.builder("quote", ParameterType.STRING).defaultValue("\"")
                    .description("The one character quoting fields; inside a quoted field it is doubled.")
                    .example("\"'\"").build())
            .parameter(Parameter.builder("infer_schema_length", ParameterType.INTEGER).defaultValue(100)
                    .description("How many data rows decide the column types; 0 reads every column as utf8.")
                    .example("1000").build())
            .parameter(Parameter.builder("null_values", ParameterType.ARRAY).defaultValue(List.of(""))
                    .description("Cell texts read as null. \"\" matches empty cells only, not a quoted empty "
                            + "field, which is an empty string (null in a typed column).")
                    .example("[\"\", \"NA\", \"-\"]").build())
            .example("Read a comma-separated file with a header row", """
                    [[stages]]
                    id = "load_sales"
                    function = "csv.read"
                    [stages.config]
                    path = "data/sales.csv"
                    """)
            .example("Read a semicolon-separated file without headers, where NA means null", """
                    [[stages]]
                    id = "load_export"
                    function = "csv.read"
                    [stages.config]
                    path = "data/export.csv"
                    headers = false
                    delimiter = ";"
                    null_values = ["", "NA"]
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigValues.problems(ConfigValues.emptyProblem(config, "path")));
        problems.addAll(CsvReadOptions.checkFileKeys(config));
        return problems;
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        ConfigValues.throwFirst(validate(config));
        CsvReadOptions options = CsvReadOptions.forFile(config);
        String shown = config.getString("path");
        return new CsvBatchReader(InputFiles.open(config.getPath("path"), "path", shown), options, shown, context);
    }
}
