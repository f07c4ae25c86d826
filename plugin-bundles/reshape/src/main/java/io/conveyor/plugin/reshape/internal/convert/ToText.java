package io.conveyor.plugin.reshape.internal.convert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Set;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.plugin.kit.column.NumberText;

/**
 * Any scalar to utf8: integers in decimal, floats as Conveyor writes them everywhere
 * ({@code 150.0}, {@code 0.1}, {@code NaN}, {@code inf}), booleans as {@code true}/{@code false},
 * dates as {@code YYYY-MM-DD}, timestamps as {@code YYYY-MM-DD HH:MM:SS} with the fraction of a
 * second when there is one; a timestamp with a zone is written in that zone's local time followed
 * by its offset ({@code Z} for UTC), decimals as plain digits.
 */
final class ToText implements Conversion {

    private static final Set<String> UTC = Set.of("UTC", "Z", "+00:00", "Etc/UTC", "GMT", "Etc/GMT");

    static boolean supports(Kind from) {
        return from != Kind.OTHER;
    }

    private byte[] scratch = new byte[64];

    @Override
    public FieldVector apply(FieldVector source, int rows, Field target, Failures failures,
            BufferAllocator allocator) {
        VarCharVector out = (VarCharVector) target.createVector(allocator);
        try {
            out.allocateNew((long) rows * 8, rows);
            write(source, rows, out);
            out.setValueCount(rows);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void write(FieldVector source, int rows, VarCharVector out) {
        Kind kind = Kind.of(source.getField().getType());
        Cells.Text text = kind == Kind.TEXT ? new Cells.Text(source) : null;
        ZoneId zone = kind == Kind.TIMESTAMP ? zone(source.getField()) : null;
        ZoneRules rules = zone == null || zone instanceof ZoneOffset ? null : zone.getRules();
        for (int r = 0; r < rows; r++) {
            if (source.isNull(r)) {
                out.setNull(r);
                continue;
            }
            switch (kind) {
                case INTEGER -> set(out, r, writeLong(Cells.integer(source, r), scratch, 0));
                case FLOAT -> set(out, r, ascii(NumberText.format(Cells.floating(source, r))));
                case BOOL -> set(out, r, ascii(Cells.bool(source, r) ? "true" : "false"));
                case DATE -> set(out, r, Calendar.writeDate(Cells.epochDay(source, r), scratch, 0));
                case TIMESTAMP -> set(out, r, timestamp(Cells.epochMicros(source, r), zone, rules));
                case DECIMAL -> set(out, r, ascii(Cells.decimal(source, r).toPlainString()));
                case TEXT -> {
                    text.load(r);
                    out.setSafe(r, text.bytes, 0, text.length);
                }
                default -> out.setNull(r); // NULL columns; OTHER is never planned
            }
        }
    }

    private void set(VarCharVector out, int row, int length) {
        out.setSafe(row, scratch, 0, length);
    }

    private int ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            scratch[i] = (byte) text.charAt(i); // ASCII only: numbers, true/false
        }
        return length;
    }

    private void ensure(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
    }

    /** A column's zone; {@code null} when it has none, {@link ZoneOffset#UTC} for every name of UTC. */
    private static ZoneId zone(Field field) {
        String zone = ((ArrowType.Timestamp) field.getType()).getTimezone();
        if (zone == null) {
            return null;
        }
        return UTC.contains(zone) ? ZoneOffset.UTC : ZoneId.of(zone);
    }

    private int timestamp(long micros, ZoneId zone, ZoneRules rules) {
        long seconds = Math.floorDiv(micros, Calendar.MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(micros, Calendar.MICROS_PER_SECOND) * 1000;
        ZoneOffset offset = zone == null ? null : rules == null ? (ZoneOffset) zone
                : rules.getOffset(Instant.ofEpochSecond(seconds));
        long local = seconds + (offset == null ? 0 : offset.getTotalSeconds());
        ensure(48);
        int at = Calendar.writeDate(Math.floorDiv(local, Calendar.SECONDS_PER_DAY), scratch, 0);
        scratch[at++] = ' ';
        at = Calendar.writeTime(Math.floorMod(local, Calendar.SECONDS_PER_DAY), nanos, scratch, at);
        if (offset != null) {
            byte[] id = offset.getId().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(id, 0, scratch, at, id.length);
            at += id.length;
        }
        return at;
    }

    /** Writes a long in decimal at {@code at}; returns the position after it. */
    static int writeLong(long value, byte[] out, int at) {
        if (value == Long.MIN_VALUE) {
            byte[] min = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, out, at, min.length);
            return at + min.length;
        }
        if (value < 0) {
            out[at++] = '-';
            value = -value;
        }
        return Calendar.digits(value, 1, out, at);
    }
}
