package io.conveyor.engine.internal.nested;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;

/** Small stages shaped like the built-ins, with declared schemas, for sub-pipeline tests. */
final class TestStages {

    private TestStages() {
    }

    /**
     * Emits the given row groups as batches (one batch per group; an empty group is a zero-row
     * batch) of a fixed schema, which it also declares at validation.
     */
    static final class TableSource implements Source {
        private final String function;
        private final String columns;
        private final List<Object[][]> groups;

        TableSource(String function, String columns, Object[][]... groups) {
            this.function = function;
            this.columns = columns;
            this.groups = List.of(groups);
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(function, StageRole.SOURCE).build();
        }

        @Override
        public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
            return Optional.of(Batches.schema(columns));
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            return new SourceTask() {
                int next;

                @Override
                public boolean produce(Emitter out) throws StageException {
                    if (next == groups.size()) {
                        return false;
                    }
                    out.emit(Batches.of(context.allocator(), columns, groups.get(next++)));
                    return true;
                }
            };
        }
    }

    /** {@code count.read}: {@code batches} batches of {@code rows} int64 values {@code n} counting from 0. */
    static final class CountSource implements Source {
        private final int batches;
        private final int rows;

        CountSource(int batches, int rows) {
            this.batches = batches;
            this.rows = rows;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("count.read", StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            return new SourceTask() {
                int produced;

                @Override
                public boolean produce(Emitter out) throws StageException {
                    if (produced == batches) {
                        return false;
                    }
                    BigIntVector n = new BigIntVector("n", context.allocator());
                    n.allocateNew(rows);
                    for (int i = 0; i < rows; i++) {
                        n.set(i, (long) produced * rows + i);
                    }
                    n.setValueCount(rows);
                    produced++;
                    out.emit(VectorSchemaRoot.of(n));
                    return true;
                }
            };
        }
    }

    /** {@code broken.read}: cannot open. */
    static final class BrokenSource implements Source {
        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("broken.read", StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) throws StageException {
            throw StageException.io("cannot read broken.csv: no such file", null);
        }
    }

    /** {@code idle.read}: emits nothing and never ends, but stops when asked. */
    static final class IdleSource implements Source {
        final CountDownLatch producing = new CountDownLatch(1);
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("idle.read", StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            return new SourceTask() {
                @Override
                public boolean produce(Emitter out) {
                    producing.countDown();
                    LockSupport.parkNanos(5_000_000);
                    return !context.isStopped();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /**
     * {@code keep.apply}: keeps the rows whose int64 {@code column} is at least {@code min} (nulls
     * never match), copying them; reports a column its known input lacks.
     */
    static final class KeepTransform implements Transform {
        static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("keep.apply", StageRole.TRANSFORM)
                .parameter(Parameter.builder("column", ParameterType.STRING).required().build())
                .parameter(Parameter.builder("min", ParameterType.INTEGER).defaultValue(0).build())
                .build();

        @Override
        public StageDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
            Optional<Schema> input = context.input(context.inputs().get(0));
            String column = config.getString("column");
            if (input.isPresent() && input.get().getFields().stream().noneMatch(f -> f.getName().equals(column))) {
                context.report(new ConfigProblem("column", "config key 'column' names '" + column
                        + "', which the input does not have"));
            }
            return input;
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            String column = config.getString("column");
            long min = config.getLong("min");
            return (input, batch, out) -> {
                BigIntVector values = (BigIntVector) batch.getVector(column);
                VectorSchemaRoot kept = VectorSchemaRoot.create(batch.getSchema(), context.allocator());
                kept.allocateNew();
                int rows = 0;
                for (int i = 0; i < batch.getRowCount(); i++) {
                    if (!values.isNull(i) && values.get(i) >= min) {
                        for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                            kept.getVector(c).copyFromSafe(i, rows, batch.getVector(c));
                        }
                        rows++;
                    }
                }
                kept.setRowCount(rows);
                out.emit(kept);
            };
        }
    }

    /** {@code project.apply}: keeps the named {@code columns}, sharing their data. */
    static final class ProjectTransform implements Transform {
        static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("project.apply", StageRole.TRANSFORM)
                .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).required().build())
                .build();

        @Override
        public StageDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
            return context.input(context.inputs().get(0)).map(schema -> new Schema(config.getStringList("columns")
                    .stream().map(name -> field(schema, name)).toList()));
        }

        private static Field field(Schema schema, String name) {
            return schema.getFields().stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            List<String> columns = config.getStringList("columns");
            return (input, batch, out) -> {
                List<FieldVector> kept = new ArrayList<>();
                for (String column : columns) {
                    TransferPair pair = batch.getVector(column).getTransferPair(context.allocator());
                    pair.splitAndTransfer(0, batch.getRowCount());
                    kept.add((FieldVector) pair.getTo());
                }
                VectorSchemaRoot root = new VectorSchemaRoot(kept);
                root.setRowCount(batch.getRowCount());
                out.emit(root);
            };
        }
    }

    /** {@code fail.apply}: fails with a DATA error on its first batch. */
    static final class FailTransform implements Transform {
        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("fail.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            return (input, batch, out) -> {
                throw StageException.data("value 7 in column 'n' is unlucky");
            };
        }
    }

    /** {@code leak.apply}: forwards its input, and allocates 64 bytes it never frees. */
    static final class LeakTransform implements Transform {
        volatile ArrowBuf leaked;
        volatile StageContext context;

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("leak.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            this.context = context;
            leaked = context.allocator().buffer(64);
            return (input, batch, out) -> out.emit(batch);
        }
    }

    /**
     * A sink that renders what it is given: per batch, {@code input: rows [schema]}, and every
     * row in order. Counts its commits.
     */
    static final class RenderSink implements Sink {
        private final String function;
        final List<String> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> rows = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger commits = new AtomicInteger();

        RenderSink(String function) {
            this.function = function;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(function, StageRole.SINK).build();
        }

        @Override
        public SinkTask open(StageConfig config, StageContext context, List<String> inputs) {
            return new SinkTask() {
                @Override
                public void write(String input, VectorSchemaRoot batch) {
                    batches.add(input + ": " + batch.getRowCount() + " rows [" + BatchText.schema(batch) + "]");
                    rows.addAll(BatchText.rows(batch));
                }

                @Override
                public void commit() {
                    commits.incrementAndGet();
                }
            };
        }
    }
}
