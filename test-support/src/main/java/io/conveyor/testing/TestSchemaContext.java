package io.conveyor.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.SchemaContext;

/**
 * A {@link SchemaContext} for unit tests of {@code Stage.outputSchema}: inputs with known (or
 * unknown, {@code null}) schemas, in the given order, and the problems the stage reported.
 */
public final class TestSchemaContext implements SchemaContext {

    private final Map<String, Schema> inputs;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private TestSchemaContext(Map<String, Schema> inputs) {
        this.inputs = inputs;
    }

    /** A context for a source: no inputs. */
    public static TestSchemaContext none() {
        return new TestSchemaContext(Map.of());
    }

    /** One input named {@code name}; a {@code null} schema stands for one the engine does not know. */
    public static TestSchemaContext of(String name, Schema schema) {
        Map<String, Schema> inputs = new LinkedHashMap<>();
        inputs.put(name, schema);
        return new TestSchemaContext(inputs);
    }

    /** Inputs in iteration order; {@code null} schemas are unknown. */
    public static TestSchemaContext of(Map<String, Schema> inputs) {
        return new TestSchemaContext(new LinkedHashMap<>(inputs));
    }

    @Override
    public List<String> inputs() {
        return List.copyOf(inputs.keySet());
    }

    @Override
    public Optional<Schema> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    @Override
    public void report(ConfigProblem problem) {
        problems.add(problem);
    }

    /** What the stage reported, in order. */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** The reported messages, in order. */
    public List<String> messages() {
        return problems.stream().map(ConfigProblem::message).toList();
    }
}
