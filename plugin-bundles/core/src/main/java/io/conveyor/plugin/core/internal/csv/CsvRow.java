package io.conveyor.plugin.core.internal.csv;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;

/**
 * One CSV record as the reader needs it: its fields, which of them were quoted (so a quoted empty
 * field {@code ""} differs from an empty one), and whether the line was empty.
 *
 * @param line   the line the record starts on, from 1
 * @param fields the fields; an empty line has one empty, unquoted field
 * @param quoted which fields were quoted
 * @param empty  whether the line held nothing at all
 */
record CsvRow(long line, List<String> fields, BitSet quoted, boolean empty) {

    int size() {
        return fields.size();
    }

    String field(int index) {
        return fields.get(index);
    }

    /** Whether the field is {@code ""}: quoted and empty, an empty string rather than a missing value. */
    boolean isQuotedEmpty(int index) {
        return quoted.get(index) && fields.get(index).isEmpty();
    }

    /** A record with more fields than {@link Handler#MAX_FIELDS}: reading it whole could exhaust memory. */
    static final class TooManyFields extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final long line;

        TooManyFields(long line) {
            super("found more than " + Handler.MAX_FIELDS + " fields, the most a record may have", null, false, false);
            this.line = line;
        }
    }

    /** Builds a {@link CsvRow} from FastCSV's parser callbacks. Not thread-safe. */
    static final class Handler extends AbstractBaseCsvCallbackHandler<CsvRow> {

        /** The most fields a record may have, as FastCSV's own handlers allow. */
        static final int MAX_FIELDS = 16_384;

        private List<String> fields = new ArrayList<>();
        private BitSet quoted = new BitSet();

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields = new ArrayList<>();
            quoted = new BitSet();
        }

        @Override
        protected void handleField(int index, char[] buffer, int offset, int length, boolean isQuoted) {
            if (index >= MAX_FIELDS) {
                throw new TooManyFields(getStartingLineNumber());
            }
            fields.add(new String(buffer, offset, length));
            if (isQuoted) {
                quoted.set(index);
            }
        }

        @Override
        protected CsvRow buildRecord() {
            boolean empty = getRecordType() == RecordType.EMPTY;
            return new CsvRow(getStartingLineNumber(), empty ? List.of("") : fields, quoted, empty);
        }
    }
}
