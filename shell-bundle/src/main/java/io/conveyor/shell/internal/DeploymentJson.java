package io.conveyor.shell.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunRecordDTO;

/**
 * The deployed pipelines' results as JSON for scripts ({@code --json}): the DTOs' public fields,
 * pretty-printed like {@link JsonFormat}'s; times are epoch milliseconds. Every string it returns
 * ends with a newline.
 */
final class DeploymentJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.PUBLIC_ONLY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    String deployments(List<DeploymentDTO> deployments) {
        return write(deployments);
    }

    String deployment(DeploymentDTO deployment) {
        return write(deployment);
    }

    String history(List<RunRecordDTO> runs) {
        return write(runs);
    }

    /** The pipeline's graph, with a {@code valid} field added as {@code validate --json} has one. */
    String description(PipelineDescriptionDTO description) {
        ObjectNode node = mapper.valueToTree(description);
        node.put("valid", description.valid());
        return write(node);
    }

    /** Any DTO or list of them, the same way. */
    String write(Object value) {
        try {
            return mapper.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
