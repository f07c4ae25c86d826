package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.Problem;

/**
 * Reads typed keys from one TOML table and records a located problem for every key that is
 * unknown, ill-typed or out of range. Messages start with the table's subject, e.g.
 * {@code [global] timeout_seconds must be an integer, got string "300"}.
 */
final class TableReader {

    private final TomlTable table;
    private final Location tableLocation;
    private final String subject;
    private final String keyPrefix;
    private final String stageId;
    private final SourceText source;
    private final List<Problem> problems;

    /**
     * @param subject   how messages name the table, ending with a space or {@code ": "}
     * @param keyPrefix prepended to key names in messages (for nested tables), or empty
     * @param stageId   the stage the table belongs to, or {@code null}
     */
    TableReader(TomlTable table, Location tableLocation, String subject, String keyPrefix, String stageId,
            SourceText source, List<Problem> problems) {
        this.table = table;
        this.tableLocation = tableLocation;
        this.subject = subject;
        this.keyPrefix = keyPrefix;
        this.stageId = stageId;
        this.source = source;
        this.problems = problems;
    }

    TomlTable table() {
        return table;
    }

    String subject() {
        return subject;
    }

    /** The same table, named {@code subject} in messages, with keys reported without a prefix. */
    TableReader withSubject(String newSubject) {
        return new TableReader(table, tableLocation, newSubject, "", stageId, source, problems);
    }

    /** Where a key is written, or where the table is when the key is absent. */
    Location locationOf(String key) {
        return table.contains(List.of(key)) ? source.at(table.inputPositionOf(List.of(key))) : tableLocation;
    }

    /** Records a problem about one key (or the table, when {@code key} is absent from it). */
    void error(String key, String message) {
        problems.add(new Problem(ErrorCode.CONFIG, message, locationOf(key), stageId, keyPrefix + key));
    }

    /** Records an "unknown key" problem for every key not in {@code known}, skipping {@code handled}. */
    void rejectUnknownKeys(Collection<String> known, Collection<String> handled) {
        for (String key : table.keySet()) {
            if (!known.contains(key) && !handled.contains(key)) {
                error(key, subject + "unknown key '" + keyPrefix + key + "'" + Suggestions.didYouMean(key, known));
            }
        }
    }

    Optional<String> string(String key) {
        Object value = rawValue(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        typeError(key, "a string", value);
        return Optional.empty();
    }

    String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    Optional<Boolean> bool(String key) {
        Object value = rawValue(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        typeError(key, "a boolean", value);
        return Optional.empty();
    }

    /** An integer of at least {@code min} and at most {@code max}, or the default. */
    long integer(String key, long defaultValue, long min, long max) {
        Object value = rawValue(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Long n)) {
            typeError(key, "an integer", value);
            return defaultValue;
        }
        if (n < min) {
            error(key, subject + keyPrefix + key + " must be at least " + min + ", got " + n);
            return defaultValue;
        }
        if (n > max) {
            error(key, subject + keyPrefix + key + " must be at most " + max + ", got " + n);
            return defaultValue;
        }
        return n;
    }

    /** One of {@code allowed}, or the default. */
    String oneOf(String key, String defaultValue, List<String> allowed) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (!allowed.contains(value.get())) {
            error(key, subject + keyPrefix + key + " must be one of " + ValueText.renderAll(allowed) + ", got "
                    + ValueText.render(value.get()));
            return defaultValue;
        }
        return value.get();
    }

    /** An array of strings, or an empty list. */
    List<String> stringList(String key) {
        Object value = rawValue(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof TomlArray array) {
            List<String> strings = new ArrayList<>();
            for (Object element : array.toList()) {
                if (!(element instanceof String s)) {
                    typeError(key, "an array of strings", TomlValues.toJava(value));
                    return List.of();
                }
                strings.add(s);
            }
            return List.copyOf(strings);
        }
        typeError(key, "an array of strings", value);
        return List.of();
    }

    Optional<TomlTable> table(String key) {
        Object value = rawValue(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof TomlTable t) {
            return Optional.of(t);
        }
        typeError(key, "a table", value);
        return Optional.empty();
    }

    /** A reader for the nested table under {@code key}, reporting keys as {@code key.inner}. */
    Optional<TableReader> nested(String key) {
        return table(key).map(t -> new TableReader(t, locationOf(key), subject, keyPrefix + key + ".", stageId,
                source, problems));
    }

    void typeError(String key, String expected, Object value) {
        error(key, subject + keyPrefix + key + " must be " + expected + ", got "
                + ValueText.describe(TomlValues.toJava(value)));
    }

    private Object rawValue(String key) {
        return table.get(List.of(key));
    }
}
