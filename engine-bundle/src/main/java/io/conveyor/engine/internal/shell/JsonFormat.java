package io.conveyor.engine.internal.shell;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.ValidationDTO;
import io.conveyor.api.stage.Example;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.StageDescriptor;

/**
 * The results as JSON for scripts ({@code --json}): the DTOs' public fields, pretty-printed with
 * two-space indentation. Every string it returns ends with a newline.
 */
public final class JsonFormat {

    private final ObjectMapper mapper = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.PUBLIC_ONLY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public String runReport(RunReportDTO report) {
        return write(mapper.valueToTree(report));
    }

    /** The validation, with a {@code valid} field added for convenience. */
    public String validation(ValidationDTO validation) {
        ObjectNode node = mapper.valueToTree(validation);
        node.put("valid", validation.valid());
        return write(node);
    }

    public String functions(List<FunctionDTO> functions) {
        return write(mapper.valueToTree(functions));
    }

    /** The function with its full declaration: description, parameters, examples. */
    public String info(FunctionDTO function) {
        ObjectNode node = mapper.valueToTree(function);
        StageDescriptor descriptor = function.descriptor;
        if (descriptor != null) {
            node.put("description", descriptor.description());
            ArrayNode parameters = node.putArray("parameters");
            for (Parameter parameter : descriptor.parameters()) {
                ObjectNode p = parameters.addObject();
                p.put("name", parameter.name());
                p.put("type", parameter.type().name().toLowerCase(Locale.ROOT));
                p.put("required", parameter.required());
                p.set("default", mapper.valueToTree(plain(parameter.defaultValue())));
                p.set("allowedValues", mapper.valueToTree(parameter.allowedValues().stream().map(JsonFormat::plain)
                        .toList()));
                p.put("description", parameter.description());
                p.put("example", parameter.example());
            }
            ArrayNode examples = node.putArray("examples");
            for (Example example : descriptor.examples()) {
                examples.addObject().put("title", example.title()).put("toml", example.toml());
            }
        }
        return write(node);
    }

    /** TOML values Jackson cannot write on its own (dates and times) become their TOML text. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof List || value instanceof Map) {
            return value;
        }
        return value.toString();
    }

    private String write(Object node) {
        try {
            return mapper.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
