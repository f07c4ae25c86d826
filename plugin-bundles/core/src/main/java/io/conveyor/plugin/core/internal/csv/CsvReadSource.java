package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.kit.file.InputFiles;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code csv.read}: streams a CSV file as typed batches, parsed on several threads. */
@Component(property = {Stage.FUNCTION + "=csv.read", Stage.ROLE + "=source"})
public final class CsvReadSource implements Source {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("csv.read", StageRole.SOURCE)
            .description("Reads a CSV file into typed columns, parsed on several threads. Text is UTF-8, or "
                    + "UTF-16 or UTF-32 with a byte order mark. Column types are inferred from the first rows: "
                    + "int64, float64, bool (true/false in any case), with parse_dates also date and timestamp, "
                    + "otherwise utf8; schema "
                    + "gives types by name instead. Empty cells are null, while a quoted empty field (\"\") is an "
                    + "empty string (null in a typed column). Empty lines are skipped, except in a file of one "
                    + "column, where each is a row with an empty cell. Quoted fields may hold delimiters, doubled "
                    + "quotes and line breaks. The file is streamed in batches, never loaded whole; a later value "
                    + "that does not fit its column's type fails the run with the file, line, column and value. A "
                    + "header without rows gives an empty result that keeps the header's columns.")
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
                    .description("How many data rows decide the column types; 0 reads every column as utf8 "
                            + "(except those schema types).")
                    .example("1000").build())
            .parameter(Parameter.builder("null_values", ParameterType.ARRAY).defaultValue(List.of(""))
                    .description("Cell texts read as null. \"\" matches empty cells only, not a quoted empty "
                            + "field, which is an empty string (null in a typed column).")
                    .example("[\"\", \"NA\", \"-\"]").build())
            .parameter(Parameter.builder("schema", ParameterType.TABLE)
                    .description("Column types by column name, instead of inferring them: string, int, float, "
                            + "bool, date (YYYY-MM-DD) or timestamp (YYYY-MM-DD HH:MM:SS[.ffffff], or with a T). "
                            + "Columns it does not name are inferred.")
                    .example("{ order_id = \"int\", order_ts = \"timestamp\", zip = \"string\" }").build())
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST)
                    .description("Read only these columns, in this order; the others are skipped without being "
                            + "parsed. All columns, in file order, when not set.")
                    .example("[\"order_id\", \"unit_price\"]").build())
            .parameter(Parameter.builder("parse_dates", ParameterType.BOOLEAN).defaultValue(false)
                    .description("Whether inference also recognises dates (YYYY-MM-DD) and timestamps "
                            + "(YYYY-MM-DD HH:MM:SS[.ffffff], or with a T); otherwise they are text.")
                    .example("true").build())
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
            .example("Read three columns of a large file, with the order time as a timestamp", """
                    [[stages]]
                    id = "load_orders"
                    function = "csv.read"
                    [stages.config]
                    path = "data/orders.csv"
                    columns = ["order_id", "order_ts", "unit_price"]
                    schema = { order_ts = "timestamp" }
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

    /**
     * The file's columns and their types, read from its head as a run would; empty when the file
     * cannot be read yet (or is empty, or its head is bad: the run says why). Names that
     * {@code columns} or {@code schema} give and the file lacks are reported.
     */
    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        if (!validate(config).isEmpty()) {
            return Optional.empty();
        }
        Path path = config.getPath("path");
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            CsvReadOptions options = CsvReadOptions.forFile(config);
            CsvHead head = CsvFileReader.readHead(channel, options);
            if (head.names().isEmpty()) {
                return Optional.empty();
            }
            List<ConfigProblem> problems = CsvLayout.nameProblems(head, options, config.getString("path"));
            if (!problems.isEmpty()) {
                problems.forEach(context::report);
                return Optional.empty();
            }
            return Optional.of(CsvLayout.of(head, options.columns(), options.nullValues()).schema());
        } catch (IOException | CsvDataError | StageException e) {
            return Optional.empty();
        }
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        ConfigValues.throwFirst(validate(config));
        CsvReadOptions options = CsvReadOptions.forFile(config);
        String shown = config.getString("path");
        return new CsvFileReader(InputFiles.openChannel(config.getPath("path"), "path", shown), shown, options,
                context, CsvFileReader.CHUNK_SIZE);
    }
}
