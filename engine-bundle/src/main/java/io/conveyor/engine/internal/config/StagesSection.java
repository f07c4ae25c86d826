package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;

/**
 * Reads the {@code [[stages]]} tables into {@link StageSpec}s, substituting {@code {{name}}}
 * variables in config strings at any depth.
 */
final class StagesSection {

    static final List<String> KEYS = List.of("id", "function", "inputs", "config");
    private static final Pattern LEGACY_TYPE = Pattern.compile("(source|transform|sink)\\.([A-Za-z0-9_]+)");

    private final SourceText source;
    private final Variables variables;
    private final List<Problem> problems;
    /** Undefined {{name}} references: reported, but they leave the stage buildable. */
    private final List<Problem> undefinedVariables = new ArrayList<>();

    StagesSection(SourceText source, Variables variables, List<Problem> problems) {
        this.source = source;
        this.variables = variables;
        this.problems = problems;
    }

    /**
     * Reads the root's {@code stages} value, which must be an array of tables.
     *
     * @return every stage, or empty when some {@code [[stages]]} table is too broken to build (no
     *         id, no function, ill-typed inputs or config...). A config string using an undefined
     *         {@code {{name}}} is reported but kept as written, so the stage can still be planned.
     */
    Optional<List<StageSpec>> read(TomlTable root) {
        Object value = root.get(List.of("stages"));
        if (value == null) {
            return Optional.of(List.of());
        }
        if (!(value instanceof TomlArray array) || !array.toList().stream().allMatch(TomlTable.class::isInstance)) {
            problems.add(new Problem(ErrorCode.CONFIG, "stages must be an array of tables: write each stage as a "
                    + "[[stages]] table, got " + ValueText.typeName(TomlValues.toJava(value)),
                    source.at(root.inputPositionOf(List.of("stages"))), null, "stages"));
            return Optional.empty();
        }
        List<StageSpec> stages = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < array.size(); i++) {
            StageSpec stage = readStage(array.getTable(i), source.valueAt(array.inputPositionOf(i)), i + 1);
            if (stage != null) {
                stages.add(stage);
            } else {
                complete = false;
            }
        }
        return complete ? Optional.of(List.copyOf(stages)) : Optional.empty();
    }

    /** The stage, or {@code null} after reporting why it cannot be built. */
    private StageSpec readStage(TomlTable table, Location location, int number) {
        Object rawId = table.get(List.of("id"));
        String id = rawId instanceof String s && !s.isEmpty() ? s : null;
        String subject = id != null ? "stage '" + id + "': " : "stage #" + number + ": ";
        TableReader r = new TableReader(table, location, subject, "", id, source, problems);
        int before = problems.size();

        r.rejectUnknownKeys(KEYS, List.of("type"));
        if (rawId == null) {
            r.error("id", subject + "id is missing");
        } else if (id == null) {
            r.string("id").ifPresent(empty -> r.error("id", subject + "id must not be empty"));
        }
        String function = r.string("function").orElse(null);
        if (table.contains(List.of("type"))) {
            r.error("type", subject + legacyTypeAdvice(table.get(List.of("type"))));
        } else if (!table.contains(List.of("function"))) {
            r.error("function", subject + "function is missing");
        }
        List<String> inputs = r.stringList("inputs");
        List<Location> inputLocations = inputLocations(table, inputs.size());
        Map<String, Location> keyLocations = new LinkedHashMap<>();
        Map<String, Object> config = r.nested("config")
                .map(c -> readConfig(c.table(), subject, id, keyLocations))
                .orElse(Map.of());
        boolean broken = problems.size() > before;
        problems.addAll(undefinedVariables);
        undefinedVariables.clear();
        if (broken) {
            return null;
        }
        Location functionLocation = source.at(table.inputPositionOf(List.of("function")));
        return new StageSpec(id, function, inputs, config, location, Collections.unmodifiableMap(keyLocations),
                inputLocations, functionLocation);
    }

    private List<Location> inputLocations(TomlTable table, int count) {
        if (count == 0) {
            return List.of();
        }
        TomlArray array = table.getArray(List.of("inputs"));
        List<Location> locations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            locations.add(source.valueAt(array.inputPositionOf(i)));
        }
        return List.copyOf(locations);
    }

    private Map<String, Object> readConfig(TomlTable config, String subject, String stageId,
            Map<String, Location> keyLocations) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : TomlValues.keysInFileOrder(config)) {
            Location location = source.at(config.inputPositionOf(List.of(key)));
            keyLocations.put(key, location);
            values.put(key, substitute(config.get(List.of(key)), key, location, subject, stageId));
        }
        return Collections.unmodifiableMap(values);
    }

    /** The value as plain Java, with {@code {{name}}} substituted in every string it contains. */
    private Object substitute(Object value, String path, Location location, String subject, String stageId) {
        if (value instanceof String text) {
            return variables.substitute(text, name -> undefinedVariables.add(new Problem(ErrorCode.CONFIG,
                    subject + "config key '" + path + "' uses {{" + name + "}}, which is not defined in "
                            + "[global.variables]", location, stageId, path)));
        }
        if (value instanceof TomlTable table) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : TomlValues.keysInFileOrder(table)) {
                map.put(key, substitute(table.get(List.of(key)), path + "." + key,
                        source.at(table.inputPositionOf(List.of(key))), subject, stageId));
            }
            return Collections.unmodifiableMap(map);
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                list.add(substitute(array.get(i), path + "[" + i + "]", source.valueAt(array.inputPositionOf(i)),
                        subject, stageId));
            }
            return Collections.unmodifiableList(list);
        }
        return value;
    }

    private static String legacyTypeAdvice(Object type) {
        String written = "type = " + ValueText.render(TomlValues.toJava(type));
        if (type instanceof String s) {
            Matcher m = LEGACY_TYPE.matcher(s);
            if (m.matches()) {
                String suffix = switch (m.group(1)) {
                    case "source" -> "read";
                    case "sink" -> "write";
                    default -> "apply";
                };
                return written + " is the removed legacy syntax: write function = \"" + m.group(2) + "." + suffix
                        + "\" instead";
            }
        }
        return written + " is the removed legacy syntax: name the stage's function with function = \"...\" instead";
    }
}
