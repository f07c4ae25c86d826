package io.conveyor.plugin.parquet.internal.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The pages of one column chunk, held compressed in memory and handed to parquet-column's reader
 * one at a time, decompressed when asked for. This replaces parquet-hadoop's
 * {@code ParquetFileReader}, whose options cannot be built without Hadoop: page headers are read
 * here, and the pages' encodings (plain, dictionary, RLE, delta, byte stream split) are decoded
 * by parquet-column. Page checksums are verified where the writer wrote them; encrypted
 * files are not read.
 */
final class ChunkPages implements PageReader {

    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final Cursor chunk;
    private final BytesInputDecompressor decompressor;
    private final long valueCount;
    private long valuesSeen;
    private DictionaryPage dictionary;
    private DataPage next;

    /**
     * @param bytes      the whole chunk, from its first page header to its end
     * @param valueCount the values (nulls included) the chunk's metadata says it holds
     */
    ChunkPages(byte[] bytes, BytesInputDecompressor decompressor, long valueCount) throws IOException {
        this.chunk = new Cursor(bytes);
        this.decompressor = decompressor;
        this.valueCount = valueCount;
        next = nextDataPage();
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return valueCount;
    }

    @Override
    public DataPage readPage() {
        DataPage page = next;
        if (page == null) {
            return null;
        }
        try {
            next = nextDataPage();
            return decompress(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads page headers until a data page, keeping the dictionary page on the way; null at the chunk's end. */
    private DataPage nextDataPage() throws IOException {
        while (valuesSeen < valueCount) {
            if (chunk.available() == 0) {
                throw new ParquetDecodingException("the column chunk ends after " + valuesSeen + " of its "
                        + valueCount + " values");
            }
            PageHeader header = Util.readPageHeader(chunk);
            int compressedSize = header.getCompressed_page_size();
            int uncompressedSize = header.getUncompressed_page_size();
            BytesInput bytes = chunk.take(compressedSize, header.isSetCrc() ? header.getCrc() : null);
            switch (header.getType()) {
                case DICTIONARY_PAGE -> {
                    DictionaryPageHeader d = header.getDictionary_page_header();
                    dictionary = new DictionaryPage(decompressor.decompress(bytes, uncompressedSize), uncompressedSize,
                            d.getNum_values(), CONVERTER.getEncoding(d.getEncoding()));
                }
                case DATA_PAGE -> {
                    DataPageHeader d = header.getData_page_header();
                    valuesSeen += d.getNum_values();
                    return new DataPageV1(bytes, d.getNum_values(), uncompressedSize, null,
                            CONVERTER.getEncoding(d.getRepetition_level_encoding()),
                            CONVERTER.getEncoding(d.getDefinition_level_encoding()),
                            CONVERTER.getEncoding(d.getEncoding()));
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 d = header.getData_page_header_v2();
                    int levels = d.getRepetition_levels_byte_length() + d.getDefinition_levels_byte_length();
                    byte[] page = bytes.toByteArray();
                    valuesSeen += d.getNum_values();
                    return new DataPageV2(d.getNum_rows(), d.getNum_nulls(), d.getNum_values(),
                            BytesInput.from(page, 0, d.getRepetition_levels_byte_length()),
                            BytesInput.from(page, d.getRepetition_levels_byte_length(),
                                    d.getDefinition_levels_byte_length()),
                            CONVERTER.getEncoding(d.getEncoding()),
                            BytesInput.from(page, levels, compressedSize - levels), uncompressedSize, null,
                            !d.isSetIs_compressed() || d.isIs_compressed());
                }
                default -> {
                    // index pages and unknown kinds: nothing to read
                }
            }
        }
        return null;
    }

    private DataPage decompress(DataPage page) throws IOException {
        if (page instanceof DataPageV1 v1) {
            return new DataPageV1(decompressor.decompress(v1.getBytes(), v1.getUncompressedSize()),
                    v1.getValueCount(), v1.getUncompressedSize(), null, v1.getRlEncoding(), v1.getDlEncoding(),
                    v1.getValueEncoding());
        }
        DataPageV2 v2 = (DataPageV2) page;
        if (!v2.isCompressed()) {
            return v2;
        }
        int levels = (int) (v2.getRepetitionLevels().size() + v2.getDefinitionLevels().size());
        int dataSize = v2.getUncompressedSize() - levels;
        return DataPageV2.uncompressed(v2.getRowCount(), v2.getNullCount(), v2.getValueCount(),
                v2.getRepetitionLevels(), v2.getDefinitionLevels(), v2.getDataEncoding(),
                decompressor.decompress(v2.getData(), dataSize), null);
    }

    /** The chunk's bytes as a stream whose position is known, to slice pages out without copying. */
    private static final class Cursor extends ByteArrayInputStream {

        Cursor(byte[] bytes) {
            super(bytes);
        }

        /** The next {@code length} bytes, checked against the page's CRC-32 when its header has one. */
        BytesInput take(int length, Integer crc) {
            if (length < 0 || length > count - pos) {
                throw new ParquetDecodingException("a page of " + length + " bytes runs past the end of its column "
                        + "chunk (" + (count - pos) + " bytes left)");
            }
            if (crc != null) {
                CRC32 checksum = new CRC32();
                checksum.update(buf, pos, length);
                if ((int) checksum.getValue() != crc) {
                    throw new ParquetDecodingException("a page's checksum does not match its bytes");
                }
            }
            BytesInput slice = BytesInput.from(buf, pos, length);
            pos += length;
            return slice;
        }
    }
}
