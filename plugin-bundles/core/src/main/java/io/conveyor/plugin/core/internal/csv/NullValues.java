package io.conveyor.plugin.core.internal.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The cell texts read as null ({@code null_values}), compared as bytes. {@code ""} stands for an
 * empty unquoted cell only: a quoted empty field is never one of them.
 */
final class NullValues {

    private final boolean emptyIsNull;
    private final byte[][] texts;

    NullValues(Set<String> values) {
        this.emptyIsNull = values.contains("");
        this.texts = values.stream().filter(v -> !v.isEmpty())
                .map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /** Whether an empty unquoted cell is null. */
    boolean emptyIsNull() {
        return emptyIsNull;
    }

    /** Whether there are null values besides {@code ""}. */
    boolean hasTexts() {
        return texts.length > 0;
    }

    /** Whether a non-empty cell is one of the null values. */
    boolean isNullText(byte[] b, int start, int end) {
        int length = end - start;
        for (byte[] text : texts) {
            if (text.length == length && Arrays.equals(b, start, end, text, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether field {@code i} of the tokenizer's record is null, whatever its column's type. */
    boolean isNull(RecordTokenizer record, int i) {
        int start = record.start(i);
        int end = record.end(i);
        if (start == end) {
            return !record.quoted(i) && emptyIsNull;
        }
        return texts.length > 0 && isNullText(record.bytes(i), start, end);
    }
}
