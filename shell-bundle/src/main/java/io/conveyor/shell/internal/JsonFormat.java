package io.conveyor.shell.internal;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ParameterDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.ValidationDTO;

/**
 * The results as JSON for scripts ({@code --json}): the DTOs' public fields, pretty-printed with
 * two-space indentation. Every string it returns ends with a newline.
 *
 * <p>A function's declaration (description, parameters, examples) appears in {@code info} only,
 * for the function itself: {@code list} stays a listing, and shadowed providers are named, not
 * described. A parameter's default value is written under the key {@code "default"}, as
 * {@code info --json} has always written it.
 */
public final class JsonFormat {

    private static final List<String> DECLARATION = List.of("description", "parameters", "examples");

    private final ObjectMapper mapper = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.PUBLIC_ONLY)
            .addMixIn(ParameterDTO.class, ParameterJson.class)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Renames {@link ParameterDTO#defaultValue} in the JSON, keeping it in its place. */
    @JsonPropertyOrder({"name", "type", "required", "default", "allowedValues", "description", "example"})
    private abstract static class ParameterJson {
        @JsonProperty("default")
        public Object defaultValue;
    }

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
        ArrayNode list = mapper.valueToTree(functions);
        list.forEach(JsonFormat::listing);
        return write(list);
    }

    /** The function with its full declaration: description, parameters, examples. */
    public String info(FunctionDTO function) {
        ObjectNode node = mapper.valueToTree(function);
        node.get("shadowed").forEach(JsonFormat::listing);
        return write(node);
    }

    /**
     * The error of {@code info --json} for an unknown function:
     * {@code {"error": "no such function: x (did you mean 'y'?)", "function": "x", "didYouMean": "y"}},
     * {@code didYouMean} being {@code null} when no name is close.
     */
    public String noSuchFunction(String name, Optional<String> closest) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", CommandLine.noSuchFunction(name, closest));
        node.put("function", name);
        node.put("didYouMean", closest.orElse(null));
        return write(node);
    }

    /** A function as {@code list} shows it: who provides it, without its declaration. */
    private static void listing(JsonNode function) {
        ((ObjectNode) function).remove(DECLARATION);
        function.get("shadowed").forEach(JsonFormat::listing);
    }

    private String write(Object node) {
        try {
            return mapper.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
