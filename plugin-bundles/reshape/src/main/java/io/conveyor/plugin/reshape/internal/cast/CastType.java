package io.conveyor.plugin.reshape.internal.cast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.plugin.reshape.internal.convert.Conversions;

/**
 * The types a column can be cast to, under their names and the aliases the original tool's
 * {@code validate.schema} accepted.
 */
enum CastType {
    STRING("any column but binary, time, duration and nested ones", "string", "str", "text"),
    INT("integers, floats, decimals, booleans and strings", "int", "integer", "int64", "i64"),
    FLOAT("integers, floats, decimals, booleans and strings", "float", "double", "f64", "float64"),
    BOOL("integers, floats, booleans and strings", "bool", "boolean"),
    DATE("strings, dates and timestamps", "date"),
    TIMESTAMP("strings, dates and timestamps", "timestamp", "datetime");

    private final String sources;
    private final List<String> names;

    CastType(String sources, String... names) {
        this.sources = sources;
        this.names = List.of(names);
    }

    /** The type a name stands for, in any case. */
    static Optional<CastType> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CastType type : values()) {
            if (type.names.contains(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Every accepted name, main names first: for suggestions. */
    static List<String> allNames() {
        List<String> all = new ArrayList<>();
        for (CastType type : values()) {
            all.add(type.displayName());
        }
        for (CastType type : values()) {
            all.addAll(type.names.subList(1, type.names.size()));
        }
        return all;
    }

    String displayName() {
        return names.get(0);
    }

    /** Which columns can be cast to this type, for messages: {@code strings, dates and timestamps}. */
    String sources() {
        return sources;
    }

    /**
     * The type a column of {@code source}'s type becomes. A large_utf8 column already is a string
     * and stays one; a timestamp keeps its zone and becomes microseconds.
     */
    ArrowType target(Field source) {
        ArrowType type = source.getType();
        return switch (this) {
            case STRING -> type instanceof ArrowType.LargeUtf8 ? type : Conversions.TEXT;
            case INT -> Conversions.INTEGER;
            case FLOAT -> Conversions.FLOAT;
            case BOOL -> Conversions.BOOL;
            case DATE -> Conversions.DATE;
            case TIMESTAMP -> Conversions.timestamp(type instanceof ArrowType.Timestamp t ? t.getTimezone() : null);
        };
    }
}
