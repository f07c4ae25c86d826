package io.conveyor.engine.internal.plan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

/** A hand-built catalog: a few functions shaped like the built-ins, not the plugins' real ones. */
final class TestCatalog implements FunctionCatalog {

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    TestCatalog() {
        add(StageDescriptor.builder("csv.read", StageRole.SOURCE)
                .parameter(Parameter.builder("path", ParameterType.STRING).required().build())
                .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(true).build())
                .parameter(Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",").build())
                .build());
        add(StageDescriptor.builder("json.read", StageRole.SOURCE)
                .parameter(Parameter.builder("path", ParameterType.STRING).required().build())
                .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("records")
                        .allowedValues("records", "jsonl").build())
                .build());
        add(StageDescriptor.builder("csv.write", StageRole.SINK)
                .parameter(Parameter.builder("path", ParameterType.STRING).required().build())
                .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(true).build())
                .build());
        add(StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
                .parameter(Parameter.builder("column", ParameterType.STRING).required().build())
                .parameter(Parameter.builder("operator", ParameterType.STRING).defaultValue("==")
                        .allowedValues("==", "=", "!=", "<>", ">", ">=", "<", "<=", "contains", "in").build())
                .parameter(Parameter.builder("value", ParameterType.ANY).required().build())
                .build());
        add(StageDescriptor.builder("select.apply", StageRole.TRANSFORM)
                .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).required().build())
                .build());
        add(StageDescriptor.builder("sample.apply", StageRole.TRANSFORM)
                .parameter(Parameter.builder("fraction", ParameterType.FLOAT).defaultValue(0.5).build())
                .parameter(Parameter.builder("limit", ParameterType.INTEGER).build())
                .parameter(Parameter.builder("options", ParameterType.TABLE).build())
                .parameter(Parameter.builder("steps", ParameterType.ARRAY).build())
                .build());
        add(StageDescriptor.builder("json.write", StageRole.SINK)
                .parameter(Parameter.builder("path", ParameterType.STRING).required().build())
                .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("records")
                        .allowedValues("records", "jsonl").build())
                .parameter(Parameter.builder("pretty", ParameterType.BOOLEAN).defaultValue(false).build())
                .build());
        for (StageRole role : StageRole.values()) {
            add(StageDescriptor.builder("echo", role)
                    .parameter(Parameter.builder("message", ParameterType.STRING).build()).build());
        }
        add(StageDescriptor.builder("tap", StageRole.SOURCE).build());
        add(StageDescriptor.builder("tap", StageRole.SINK).build());
        addSchemaStages();
        StageDescriptor range = StageDescriptor.builder("range.read", StageRole.SOURCE)
                .parameter(Parameter.builder("from", ParameterType.INTEGER).defaultValue(0).build())
                .parameter(Parameter.builder("to", ParameterType.INTEGER).required().build())
                .build();
        stages.put(key("range.read", StageRole.SOURCE), new Stage() {
            @Override
            public StageDescriptor descriptor() {
                return range;
            }

            @Override
            public List<ConfigProblem> validate(StageConfig config) {
                if (config.getLong("from") > config.getLong("to")) {
                    return List.of(new ConfigProblem("to", "config key 'to' must not be less than from (" + config.getLong("from")
                            + ")"));
                }
                return List.of();
            }
        });
    }

    /**
     * {@code people.read} declares its schema (name: utf8, age: int64); {@code column.check} needs
     * its {@code column} in every input it knows and passes its first input's schema on;
     * {@code broken.check} throws while working out its schema.
     */
    private void addSchemaStages() {
        StageDescriptor people = StageDescriptor.builder("people.read", StageRole.SOURCE).build();
        Schema schema = new Schema(List.of(Field.nullable("name", ArrowType.Utf8.INSTANCE),
                Field.nullable("age", new ArrowType.Int(64, true))));
        stages.put(key("people.read", StageRole.SOURCE), new Stage() {
            @Override
            public StageDescriptor descriptor() {
                return people;
            }

            @Override
            public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
                return Optional.of(schema);
            }
        });
        StageDescriptor check = StageDescriptor.builder("column.check", StageRole.TRANSFORM)
                .parameter(Parameter.builder("column", ParameterType.STRING).required().build()).build();
        stages.put(key("column.check", StageRole.TRANSFORM), new Stage() {
            @Override
            public StageDescriptor descriptor() {
                return check;
            }

            @Override
            public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
                String column = config.getString("column");
                for (String input : context.inputs()) {
                    context.input(input).filter(s -> s.getFields().stream().noneMatch(f -> f.getName().equals(column)))
                            .ifPresent(s -> context.report(new ConfigProblem("column", "config key 'column' names '"
                                    + column + "', which input '" + input + "' does not have")));
                }
                return context.input(context.inputs().get(0));
            }
        });
        StageDescriptor broken = StageDescriptor.builder("broken.check", StageRole.TRANSFORM).build();
        stages.put(key("broken.check", StageRole.TRANSFORM), new Stage() {
            @Override
            public StageDescriptor descriptor() {
                return broken;
            }

            @Override
            public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
                throw new IllegalStateException("no schema today");
            }
        });
    }

    @Override
    public Optional<StageDescriptor> descriptor(String function, StageRole role) {
        return stage(function, role).map(Stage::descriptor);
    }

    @Override
    public Collection<String> functionNames() {
        TreeSet<String> names = new TreeSet<>();
        stages.values().forEach(s -> names.add(s.descriptor().function()));
        return names;
    }

    @Override
    public Optional<Stage> stage(String function, StageRole role) {
        return Optional.ofNullable(stages.get(key(function, role)));
    }

    private void add(StageDescriptor descriptor) {
        stages.put(key(descriptor.function(), descriptor.role()), () -> descriptor);
    }

    private static String key(String function, StageRole role) {
        return function + "/" + role.id();
    }
}
