package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
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

/** Stages for executor tests. Each counts its task's close() calls and records what it saw. */
public final class MockStages {

    private MockStages() {
    }

    /** A batch with one int64 column {@code n} holding {@code from, from+1, ...}. */
    public static VectorSchemaRoot numbers(BufferAllocator allocator, long from, int rows) {
        BigIntVector n = new BigIntVector("n", allocator);
        n.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
            n.set(i, from + i);
        }
        n.setValueCount(rows);
        VectorSchemaRoot root = VectorSchemaRoot.of(n);
        root.setRowCount(rows);
        return root;
    }

    public static List<Long> values(VectorSchemaRoot batch) {
        BigIntVector n = (BigIntVector) batch.getVector("n");
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < batch.getRowCount(); i++) {
            values.add(n.get(i));
        }
        return values;
    }

    /**
     * Emits {@code batches} batches of {@code rows} numbers counting up from {@code first}; with
     * {@code batches < 0} it never ends (until the run stops). An empty batch (no rows, same
     * schema) is emitted before each batch whose index is in {@code emptyBefore}.
     */
    public static final class CountingSource implements Source {
        final String function;
        final long first;
        final int batches;
        final int rows;
        final AtomicInteger closed = new AtomicInteger();
        final List<VectorSchemaRoot> emitted = Collections.synchronizedList(new ArrayList<>());
        volatile String threadName;
        volatile StageContext context;
        volatile Set<Integer> emptyBefore = Set.of();
        volatile CountDownLatch afterEachEmit = new CountDownLatch(0);

        public CountingSource(String function, long first, int batches, int rows) {
            this.function = function;
            this.first = first;
            this.batches = batches;
            this.rows = rows;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(function, StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext ctx) {
            context = ctx;
            threadName = Thread.currentThread().getName();
            return new SourceTask() {
                int produced;

                @Override
                public boolean produce(Emitter out) throws StageException {
                    if (batches >= 0 && produced >= batches) {
                        return false;
                    }
                    if (emptyBefore.contains(produced)) {
                        out.emit(numbers(ctx.allocator(), 0, 0));
                    }
                    VectorSchemaRoot batch = numbers(ctx.allocator(), first + (long) produced * rows, rows);
                    emitted.add(batch);
                    produced++;
                    out.emit(batch);
                    afterEachEmit.countDown();
                    return true;
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** A source that emits nothing and never ends, but stops when asked. */
    public static final class IdleSource implements Source {
        final AtomicInteger closed = new AtomicInteger();
        public final CountDownLatch producing = new CountDownLatch(1);

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
                    LockSupport.parkNanos(5_000_000); // a bounded wait for data that never comes
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
     * A source blocked outside the pipeline (like a read of a terminal): its first {@code produce}
     * waits for {@link #gate}, then it emits {@code [0]} and ends. With {@code ignoreInterrupts}
     * it keeps waiting when interrupted (a read that cannot be interrupted), else it stops.
     */
    public static final class GatedSource implements Source {
        final String function;
        final boolean ignoreInterrupts;
        public final CountDownLatch gate = new CountDownLatch(1);
        public final CountDownLatch blocked = new CountDownLatch(1);
        final AtomicInteger interrupts = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        public GatedSource(String function, boolean ignoreInterrupts) {
            this.function = function;
            this.ignoreInterrupts = ignoreInterrupts;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(function, StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            return new SourceTask() {
                boolean done;

                @Override
                public boolean produce(Emitter out) throws StageException {
                    if (done) {
                        return false;
                    }
                    blocked.countDown();
                    while (true) {
                        try {
                            gate.await();
                            break;
                        } catch (InterruptedException e) {
                            interrupts.incrementAndGet();
                            if (!ignoreInterrupts) {
                                throw StageException.cancelled();
                            }
                        }
                    }
                    done = true;
                    out.emit(numbers(context.allocator(), 0, 1));
                    return true;
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** Forwards every batch it gets, unchanged and uncopied. */
    public static final class PassThrough implements Transform {
        final String function;
        final AtomicInteger closed = new AtomicInteger();

        PassThrough(String function) {
            this.function = function;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(function, StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            return new TransformTask() {
                @Override
                public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                    out.emit(batch);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** Throws a DATA error on its {@code failAt}-th batch (1-based). */
    public static final class FailingTransform implements Transform {
        final int failAt;
        final AtomicInteger closed = new AtomicInteger();
        volatile CountDownLatch failOnlyAfter = new CountDownLatch(0);

        FailingTransform(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("fail.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            return new TransformTask() {
                int seen;

                @Override
                public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                    if (++seen == failAt) {
                        try {
                            failOnlyAfter.await();
                        } catch (InterruptedException e) {
                            throw StageException.cancelled();
                        }
                        throw StageException.data("value 'x' in column 'n' is not a number");
                    }
                    out.emit(batch);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** Allocates 64 bytes when opened and never frees them. */
    public static final class LeakingTransform implements Transform {
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
     * Reads its first input to the end before it accepts the second (like a hash join's build
     * side), and emits copies of the values it got, in that order, when both have ended.
     */
    public static final class OrderedUnion implements Transform {
        final AtomicInteger closed = new AtomicInteger();
        final List<String> endsSeen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("union.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            return new TransformTask() {
                final List<Long> held = new ArrayList<>();
                boolean firstEnded;

                @Override
                public boolean accepts(String input) {
                    return input.equals(inputs.get(0)) || firstEnded;
                }

                @Override
                public void process(String input, VectorSchemaRoot batch, Emitter out) {
                    held.addAll(values(batch));
                }

                @Override
                public void endOfInput(String input, Emitter out) {
                    endsSeen.add(input);
                    firstEnded |= input.equals(inputs.get(0));
                }

                @Override
                public void finish(Emitter out) throws StageException {
                    BigIntVector n = new BigIntVector("n", context.allocator());
                    n.allocateNew(held.size());
                    for (int i = 0; i < held.size(); i++) {
                        n.set(i, held.get(i));
                    }
                    n.setValueCount(held.size());
                    VectorSchemaRoot root = VectorSchemaRoot.of(n);
                    root.setRowCount(held.size());
                    out.emit(root);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** A transform that accepts none of its inputs: it is done reading before it reads anything. */
    public static final class StubbornTransform implements Transform {
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("stubborn.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            return new TransformTask() {
                @Override
                public boolean accepts(String input) {
                    return false;
                }

                @Override
                public void process(String input, VectorSchemaRoot batch, Emitter out) {
                    throw new IllegalStateException("got a batch of an input it does not accept");
                }

                @Override
                public void finish(Emitter out) {
                    finished.incrementAndGet();
                }
            };
        }
    }

    /**
     * Forwards batches until it has seen {@code rows} rows, then accepts nothing more (like a
     * {@code limit}); counts its finish and endOfInput calls.
     */
    public static final class Limit implements Transform {
        final int rows;
        final AtomicInteger finished = new AtomicInteger();
        final List<String> endsSeen = Collections.synchronizedList(new ArrayList<>());

        Limit(int rows) {
            this.rows = rows;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("limit.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            return new TransformTask() {
                int seen;

                @Override
                public boolean accepts(String input) {
                    return seen < rows;
                }

                @Override
                public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                    seen += batch.getRowCount();
                    out.emit(batch);
                }

                @Override
                public void endOfInput(String input, Emitter out) {
                    endsSeen.add(input);
                }

                @Override
                public void finish(Emitter out) {
                    finished.incrementAndGet();
                }
            };
        }
    }

    /**
     * Collects the values written per input, in order, and how the run ended for it. Its first
     * write waits for {@code holdFirstWrite} (a slow sink, for backpressure). With {@code inOrder}
     * it reads its inputs one after the other, in the order listed (like a file sink); it stops
     * reading once it holds {@code acceptRows} values.
     */
    public static class CollectingSink implements Sink {
        final String function;
        public final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final List<String> inputsSeen = Collections.synchronizedList(new ArrayList<>());
        final List<VectorSchemaRoot> batches = Collections.synchronizedList(new ArrayList<>());
        /** Per batch written: {@code <rows> rows [<field names>]}. */
        final List<String> shapes = Collections.synchronizedList(new ArrayList<>());
        public final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch wrote = new CountDownLatch(1);
        volatile StageException openFailure;
        volatile CountDownLatch holdFirstWrite = new CountDownLatch(0);
        volatile boolean inOrder;
        volatile int acceptRows = Integer.MAX_VALUE;

        public CollectingSink(String function) {
            this.function = function;
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(function, StageRole.SINK).build();
        }

        void write(String input, VectorSchemaRoot batch) throws StageException {
            try {
                holdFirstWrite.await();
            } catch (InterruptedException e) {
                throw StageException.cancelled();
            }
            inputsSeen.add(input);
            batches.add(batch);
            shapes.add(batch.getRowCount() + " rows " + batch.getSchema().getFields().stream()
                    .map(field -> field.getName()).toList());
            values.addAll(values(batch));
            wrote.countDown();
        }

        @Override
        public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
            if (openFailure != null) {
                throw openFailure;
            }
            opened.countDown();
            return new SinkTask() {
                final Set<String> ended = new HashSet<>();

                @Override
                public void write(String input, VectorSchemaRoot batch) throws StageException {
                    CollectingSink.this.write(input, batch);
                }

                @Override
                public boolean accepts(String input) {
                    return values.size() < acceptRows
                            && (!inOrder || ended.containsAll(inputs.subList(0, inputs.indexOf(input))));
                }

                @Override
                public void endOfInput(String input) {
                    ended.add(input);
                }

                @Override
                public void commit() {
                    commits.incrementAndGet();
                }

                @Override
                public void abort() {
                    aborts.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** A sink whose write overflows the stack. */
    public static final class OverflowingSink extends CollectingSink {
        OverflowingSink() {
            super("overflow.write");
        }

        @Override
        void write(String input, VectorSchemaRoot batch) {
            recurse(0);
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }
    }
}
