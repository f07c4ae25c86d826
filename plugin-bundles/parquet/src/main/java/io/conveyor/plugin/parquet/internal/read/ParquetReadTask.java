package io.conveyor.plugin.parquet.internal.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.VersionParser;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.api.PrimitiveConverter;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.parquet.internal.codec.Codecs;

/**
 * One run of {@code parquet.read}: row group after row group, the chosen columns' chunks are read
 * into memory (compressed), and batches of up to {@link StageContext#batchSize()} rows are
 * decoded from them; a batch never spans two row groups. A file without rows gives one empty
 * batch with its columns.
 */
final class ParquetReadTask implements SourceTask {

    /** parquet-column hands values through a converter only on request; the decoders ask for them directly. */
    private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {
    };

    private final ParquetFile file;
    private final List<Projection.Column> columns;
    private final Schema schema;
    private final StageContext context;
    private final List<BlockMetaData> rowGroups;
    private final ParsedVersion writer;
    private final Codecs codecs = new Codecs();

    private int rowGroup = -1;
    private long rowsLeftInGroup;
    private ColumnReader[] readers;
    private boolean emitted;

    ParquetReadTask(ParquetFile file, Projection projection, StageContext context) {
        this.file = file;
        this.columns = projection.columns();
        this.schema = projection.arrowSchema();
        this.context = context;
        this.rowGroups = file.footer().getBlocks();
        this.writer = writerVersion(file.footer().getFileMetaData().getCreatedBy());
    }

    /** The writer's version, which parquet-column uses to work around known bugs of old writers. */
    private static ParsedVersion writerVersion(String createdBy) {
        try {
            return createdBy == null ? null : VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        while (rowsLeftInGroup == 0) {
            if (rowGroup + 1 >= rowGroups.size()) {
                if (!emitted) {
                    emitted = true;
                    out.emit(VectorSchemaRoot.create(schema, context.allocator()));
                }
                return false;
            }
            openRowGroup(++rowGroup);
        }
        int rows = (int) Math.min(context.batchSize(), rowsLeftInGroup);
        out.emit(decode(rows));
        emitted = true;
        rowsLeftInGroup -= rows;
        return true;
    }

    private void openRowGroup(int index) throws StageException {
        BlockMetaData group = rowGroups.get(index);
        readers = new ColumnReader[columns.size()];
        for (int c = 0; c < readers.length; c++) {
            Projection.Column column = columns.get(c);
            ColumnChunkMetaData chunk = chunk(group, column);
            try {
                readers[c] = new ColumnReaderImpl(column.descriptor(), pages(chunk), NO_CONVERTER, writer);
            } catch (IOException | RuntimeException e) {
                throw corrupt(index, column, e);
            }
        }
        rowsLeftInGroup = group.getRowCount();
    }

    private ColumnChunkMetaData chunk(BlockMetaData group, Projection.Column column) throws StageException {
        ColumnPath path = ColumnPath.get(column.descriptor().getPath());
        for (ColumnChunkMetaData chunk : group.getColumns()) {
            if (chunk.getPath().equals(path)) {
                if (!Codecs.canRead(chunk.getCodec())) {
                    throw StageException.data("cannot read " + file.shown() + ": column '" + name(column)
                            + "' is compressed with " + chunk.getCodec() + ", which parquet.read cannot decompress "
                            + "(it reads " + Codecs.READABLE + ")");
                }
                return chunk;
            }
        }
        throw StageException.data("cannot read " + file.shown() + ": row group " + (rowGroup + 1)
                + " has no data for column '" + name(column) + "'");
    }

    private PageReader pages(ColumnChunkMetaData chunk) throws IOException {
        long size = chunk.getTotalSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("a column chunk of " + size + " bytes is larger than parquet.read can hold");
        }
        byte[] bytes = file.read(chunk.getStartingPos(), (int) size);
        return new ChunkPages(bytes, codecs.getDecompressor(chunk.getCodec()), chunk.getValueCount());
    }

    private VectorSchemaRoot decode(int rows) throws StageException {
        VectorSchemaRoot batch = VectorSchemaRoot.create(schema, context.allocator());
        try {
            List<FieldVector> vectors = batch.getFieldVectors();
            for (int c = 0; c < vectors.size(); c++) {
                FieldVector vector = vectors.get(c);
                allocate(vector, rows);
                Projection.Column column = columns.get(c);
                try {
                    column.read().decoder().read(readers[c], column.descriptor().getMaxDefinitionLevel(), vector, rows);
                } catch (RuntimeException e) {
                    throw corrupt(rowGroup, column, e);
                }
            }
            batch.setRowCount(rows);
            return batch;
        } catch (StageException | RuntimeException e) {
            batch.close();
            throw e;
        }
    }

    private static void allocate(FieldVector vector, int rows) {
        if (vector instanceof BaseVariableWidthVector v) {
            v.allocateNew((long) rows * 16, rows);
        } else {
            ((BaseFixedWidthVector) vector).allocateNew(rows);
        }
    }

    private StageException corrupt(int group, Projection.Column column, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new StageException(ErrorCode.DATA, null, "cannot read " + file.shown()
                + ": column '" + name(column) + "' of row group " + (group + 1) + " is corrupt (" + cause.getMessage()
                + ")", e);
    }

    private static String name(Projection.Column column) {
        return column.read().field().getName();
    }

    @Override
    public void close() {
        file.close();
    }
}
