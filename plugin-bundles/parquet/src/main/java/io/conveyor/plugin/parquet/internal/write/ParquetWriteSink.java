package io.conveyor.plugin.parquet.internal.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.kit.file.AtomicFile;

/** {@code parquet.write}: writes its input to a Parquet file, atomically. */
@Component(property = {Stage.FUNCTION + "=parquet.write", Stage.ROLE + "=sink"})
public final class ParquetWriteSink implements Sink {

    static final long DEFAULT_ROW_GROUP_ROWS = 1L << 20;

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("parquet.write", StageRole.SINK)
            .description("Writes rows to an Apache Parquet file, streaming: rows are written as they come, a row "
                    + "group at a time, so memory holds one row group, never the whole file. Every column is "
                    + "optional (nullable); int64 is written as INT64, float64 as DOUBLE, bool as BOOLEAN, utf8 as "
                    + "a STRING, dates as DATE, timestamps as TIMESTAMP in their unit (seconds as milliseconds), "
                    + "and smaller integers, float32, binary, decimal and time columns as their Parquet types. "
                    + "Columns are dictionary-encoded until a dictionary outgrows a page; the columns of a batch "
                    + "are encoded side by side on up to max_parallel_tasks threads. The file is written under "
                    + "a temporary name and renamed when the run succeeds; missing folders are created. An empty "
                    + "result gives a file with the columns and no rows (an input that brings no batch at all fails "
                    + "the run: a Parquet file needs columns). The stage takes one input.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to write (replaced if it exists); a relative path resolves against "
                            + "the working directory.")
                    .example("\"output/orders.parquet\"").build())
            .parameter(Parameter.builder("compression", ParameterType.STRING).defaultValue("snappy")
                    .allowedValues("snappy", "zstd", "gzip", "none")
                    .description("How pages are compressed: snappy (fast), zstd (smaller), gzip (widely read), "
                            + "or none.")
                    .example("\"zstd\"").build())
            .parameter(Parameter.builder("row_group_size", ParameterType.INTEGER).defaultValue(DEFAULT_ROW_GROUP_ROWS)
                    .description("The most rows a row group holds. A group is also closed once its compressed "
                            + "pages reach 128 MiB, so wide rows make smaller groups.")
                    .example("100000").build())
            .example("Write orders as a Parquet file compressed with zstd", """
                    [[stages]]
                    id = "save"
                    function = "parquet.write"
                    inputs = ["orders"]
                    [stages.config]
                    path = "output/orders.parquet"
                    compression = "zstd"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigValues.problems(ConfigValues.emptyProblem(config, "path")));
        long rows = config.getLong("row_group_size");
        if (rows < 1) {
            problems.add(new ConfigProblem("row_group_size",
                    "config key 'row_group_size' must be at least 1, got " + rows));
        }
        return problems;
    }

    /** Reports an input count other than one, and input columns that cannot be written. */
    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        List<String> inputs = context.inputs();
        if (inputs.size() != 1) {
            context.report(new ConfigProblem(null, inputCountProblem(inputs.size())));
            return Optional.empty();
        }
        context.input(inputs.get(0)).ifPresent(schema -> ParquetBatchWriter.unwritable(schema).forEach(
                problem -> context.report(new ConfigProblem(null, "input '" + inputs.get(0) + "' " + problem))));
        return Optional.empty();
    }

    private static String inputCountProblem(int inputs) {
        return "parquet.write takes exactly one input, got " + inputs
                + ": a Parquet file has one schema; combine the inputs upstream first";
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        if (inputs.size() != 1) {
            throw new StageException(ErrorCode.CONFIG, null, inputCountProblem(inputs.size()), null);
        }
        String shown = config.getString("path");
        AtomicFile file = AtomicFile.create(config.getPath("path"), "path", shown);
        return new ParquetWriteTask(file, shown, codec(config.getString("compression")),
                config.getLong("row_group_size"), encoderThreads(context), context.stageId());
    }

    /** The stage's share of threads, but no more than there are processors: encoding is CPU work. */
    private static int encoderThreads(StageContext context) {
        return Math.min(context.parallelism(), Runtime.getRuntime().availableProcessors());
    }

    static CompressionCodecName codec(String name) {
        return name.equals("none") ? CompressionCodecName.UNCOMPRESSED
                : CompressionCodecName.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
