package io.conveyor.wasm.internal.abi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageRole;
import io.conveyor.wasm.internal.engine.WasmFailure;
import io.conveyor.wasm.internal.engine.WasmFailure.Kind;

/**
 * A module's self-description ({@code cv_describe}), checked: every problem is an ABI failure
 * naming the key.
 */
public record Description(String name, String version, List<StageRole> roles, BatchFormat format,
        String description, List<Parameter> parameters) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, ParameterType> TYPES = Map.of("string", ParameterType.STRING,
            "integer", ParameterType.INTEGER, "float", ParameterType.FLOAT, "boolean", ParameterType.BOOLEAN,
            "array", ParameterType.ARRAY, "table", ParameterType.TABLE);

    /** How batches cross the boundary. */
    public enum BatchFormat {
        NDJSON, ARROW
    }

    public static Description parse(byte[] json) throws WasmFailure {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new WasmFailure(Kind.ABI, "cv_describe returned no valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new WasmFailure(Kind.ABI, "cv_describe must return a JSON object");
        }
        int abi = root.path("abi").asInt(-1);
        if (abi != Guest.ABI_VERSION) {
            throw new WasmFailure(Kind.ABI, "its description declares ABI version " + root.path("abi")
                    + ", and this host supports version " + Guest.ABI_VERSION);
        }
        String name = text(root, "name");
        if (!NAME.matcher(name).matches()) {
            throw new WasmFailure(Kind.ABI, "its description's name '" + name
                    + "' is not a function name (letters, digits, '.', '_', '-')");
        }
        return new Description(name, root.path("version").asText("0.0.0"), roles(root), format(root),
                root.path("description").asText(""), parameters(root.path("parameters")));
    }

    private static String text(JsonNode root, String key) throws WasmFailure {
        JsonNode value = root.get(key);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new WasmFailure(Kind.ABI, "its description has no '" + key + "'");
        }
        return value.asText();
    }

    private static List<StageRole> roles(JsonNode root) throws WasmFailure {
        JsonNode roles = root.path("roles");
        if (!roles.isArray() || roles.isEmpty()) {
            throw new WasmFailure(Kind.ABI, "its description has no 'roles' (source, transform, sink)");
        }
        List<StageRole> result = new ArrayList<>();
        for (JsonNode role : roles) {
            switch (role.asText()) {
                case "source" -> result.add(StageRole.SOURCE);
                case "transform" -> result.add(StageRole.TRANSFORM);
                case "sink" -> result.add(StageRole.SINK);
                default -> throw new WasmFailure(Kind.ABI, "its description's role '" + role.asText()
                        + "' is none of source, transform, sink");
            }
        }
        return List.copyOf(result);
    }

    private static BatchFormat format(JsonNode root) throws WasmFailure {
        String format = root.path("format").asText("ndjson");
        return switch (format) {
            case "ndjson" -> BatchFormat.NDJSON;
            case "arrow" -> BatchFormat.ARROW;
            default -> throw new WasmFailure(Kind.ABI, "its description's format '" + format
                    + "' is neither ndjson nor arrow");
        };
    }

    private static List<Parameter> parameters(JsonNode parameters) throws WasmFailure {
        List<Parameter> result = new ArrayList<>();
        for (JsonNode p : parameters) {
            String name = text(p, "name");
            if (name.startsWith("wasm_")) {
                throw new WasmFailure(Kind.ABI, "its parameter '" + name + "' uses the host's prefix wasm_");
            }
            ParameterType type = TYPES.get(p.path("type").asText("string").toLowerCase(Locale.ROOT));
            if (type == null) {
                throw new WasmFailure(Kind.ABI, "its parameter '" + name + "' has the unknown type '"
                        + p.path("type").asText() + "'");
            }
            Parameter.Builder builder = Parameter.builder(name, type).description(p.path("description").asText(""));
            if (type == ParameterType.BOOLEAN || type == ParameterType.INTEGER || type == ParameterType.FLOAT) {
                builder.acceptsText(); // the original tool passed every value to its WASM plugins as text
            }
            if (p.path("required").asBoolean(false)) {
                builder.required();
            }
            JsonNode defaultValue = p.get("default");
            if (defaultValue != null && !defaultValue.isNull()) {
                builder.defaultValue(JSON.convertValue(defaultValue, Object.class));
            }
            result.add(builder.build());
        }
        return List.copyOf(result);
    }

    /** The exports each role needs, beyond the ones every module has. */
    public static List<String> exportsOf(StageRole role) {
        return switch (role) {
            case SOURCE -> List.of("cv_next");
            case TRANSFORM -> List.of("cv_transform");
            case SINK -> List.of("cv_write");
        };
    }

    /** What every module exports. */
    public static final List<String> COMMON_EXPORTS = List.of("cv_abi_version", "cv_alloc", "cv_dealloc",
            "cv_describe", "cv_configure", "cv_last_error");
}
