package io.conveyor.plugin.parquet.internal.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code parquet.read}: streams the rows of a Parquet file as batches. */
@Component(property = {Stage.FUNCTION + "=parquet.read", Stage.ROLE + "=source"})
public final class ParquetReadSource implements Source {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("parquet.read", StageRole.SOURCE)
            .description("Reads an Apache Parquet file, row group by row group, in batches; only the chosen "
                    + "columns are read from disk. Types map to Arrow's: INT64 to int64, DOUBLE to float64, BOOLEAN "
                    + "to bool, strings (and enums, JSON) to utf8, other binary to binary, DATE to date, TIMESTAMP "
                    + "and legacy INT96 to timestamps (UTC-adjusted ones with time zone UTC), smaller and unsigned "
                    + "integers, FLOAT, DECIMAL and TIME to their Arrow types; every column is nullable. Pages may be "
                    + "uncompressed or compressed with snappy, zstd, gzip or lz4_raw, in any of Parquet's encodings. "
                    + "Nested columns (lists, maps, structs) and encrypted files cannot be read. The schema is "
                    + "known at validation time, from the file's footer.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to read; a relative path resolves against the working directory.")
                    .example("\"data/orders.parquet\"").build())
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).defaultValue(List.of())
                    .description("The columns to read, in output order; empty reads every column in file order.")
                    .example("[\"order_id\", \"unit_price\"]").build())
            .example("Read two columns of a Parquet file", """
                    [[stages]]
                    id = "orders"
                    function = "parquet.read"
                    [stages.config]
                    path = "data/orders.parquet"
                    columns = ["order_id", "unit_price"]
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigValues.problems(ConfigValues.emptyProblem(config, "path")));
        Set<String> seen = new HashSet<>();
        for (String column : config.getStringList("columns")) {
            if (!seen.add(column)) {
                problems.add(new ConfigProblem("columns", "config key 'columns' names '" + column + "' twice"));
                break;
            }
        }
        return problems;
    }

    /**
     * The schema from the file's footer, with the problems of the chosen columns; unknown while
     * the file does not exist (an earlier stage of the run may write it).
     */
    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Path path = config.getPath("path");
        if (ParquetFile.isMissing(path)) {
            return Optional.empty();
        }
        try (ParquetFile file = ParquetFile.open(path, "path", config.getString("path"))) {
            Projection projection = projection(file, config);
            projection.problems().forEach(context::report);
            return projection.problems().isEmpty() ? Optional.of(projection.arrowSchema()) : Optional.empty();
        } catch (StageException e) {
            context.report(new ConfigProblem(e.key(), e.getMessage()));
            return Optional.empty();
        }
    }

    private static Projection projection(ParquetFile file, StageConfig config) {
        return Projection.of(file.footer().getFileMetaData().getSchema(), config.getStringList("columns"),
                config.getString("path"));
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        ConfigValues.throwFirst(validate(config));
        ParquetFile file = ParquetFile.open(config.getPath("path"), "path", config.getString("path"));
        try {
            Projection projection = projection(file, config);
            ConfigValues.throwFirst(projection.problems());
            return new ParquetReadTask(file, projection, context);
        } catch (StageException | RuntimeException e) {
            file.close();
            throw e;
        }
    }
}
