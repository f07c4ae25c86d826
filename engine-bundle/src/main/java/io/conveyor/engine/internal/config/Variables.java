package io.conveyor.engine.internal.config;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tomlj.TomlTable;

/**
 * {@code [global.variables]} and the two substitutions of the original tool: {@code ${ENV}} in
 * variable values, and {@code {{name}}} (no spaces) in stage config strings. {@code {{ name }}}
 * with spaces is a row template for later stages and is never touched.
 */
final class Variables {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)\\}");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\{\\{([a-zA-Z_][a-zA-Z0-9_]*)\\}\\}");
    private static final String SUBJECT = "[global.variables] ";

    private final Map<String, String> values;
    /** Declared names, including those whose value could not be resolved (no second error for them). */
    private final Set<String> declared;

    private Variables(Map<String, String> values, Set<String> declared) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.declared = Set.copyOf(declared);
    }

    static Variables none() {
        return new Variables(Map.of(), Set.of());
    }

    /** Reads the table, resolving {@code ${NAME}} from {@code env}; problems go to the reader. */
    static Variables read(TableReader reader, Map<String, String> env) {
        TomlTable table = reader.table();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : TomlValues.keysInFileOrder(table)) {
            Object raw = table.get(List.of(name));
            if (!(raw instanceof String text)) {
                reader.error(name, SUBJECT + "'" + name + "' must be a string, got "
                        + ValueText.describe(TomlValues.toJava(raw)));
                continue;
            }
            String resolved = replace(ENV_REFERENCE, text, env::get, missing -> reader.error(name,
                    SUBJECT + "'" + name + "' uses ${" + missing + "}, which is not set in the environment"));
            if (resolved != null) {
                values.put(name, resolved);
            }
        }
        return new Variables(values, table.keySet());
    }

    /**
     * These variables with {@code overrides} added, replacing those of the same name: the values
     * a calling {@code stage.pipeline} passes down, taken as they are (no {@code ${ENV}} in them).
     */
    Variables withOverrides(Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        Set<String> names = new HashSet<>(declared);
        names.addAll(overrides.keySet());
        return new Variables(merged, names);
    }

    /** The resolved values, in file order. */
    Map<String, String> values() {
        return values;
    }

    /**
     * Substitutes {@code {{name}}} in {@code text}.
     *
     * @param undefined called with each name that is not declared
     * @return the text with every resolvable reference replaced
     */
    String substitute(String text, Consumer<String> undefined) {
        String result = replace(VARIABLE_REFERENCE, text, values::get, name -> {
            if (!declared.contains(name)) {
                undefined.accept(name);
            }
        });
        return result == null ? text : result;
    }

    /** Replaces every match; returns {@code null} if some name had no value (after reporting each once). */
    private static String replace(Pattern pattern, String text, Function<String, String> lookup,
            Consumer<String> missing) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean complete = true;
        Set<String> reported = new HashSet<>();
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            if (value == null) {
                complete = false;
                if (reported.add(m.group(1))) {
                    missing.accept(m.group(1));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return complete ? out.toString() : null;
    }
}
