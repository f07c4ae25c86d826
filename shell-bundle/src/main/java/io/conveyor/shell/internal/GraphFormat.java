package io.conveyor.shell.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.StageNodeDTO;

/**
 * A pipeline's stage graph as Graphviz DOT or as a Mermaid flowchart, left to right: one node per
 * stage labelled with its id and function, shaped by role, and one edge per input. Every string it
 * returns ends with a newline.
 */
final class GraphFormat {

    static final List<String> FORMATS = List.of("dot", "mermaid");

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private GraphFormat() {
    }

    static String render(String format, PipelineDescriptionDTO pipeline) {
        return format.equals("mermaid") ? mermaid(pipeline) : dot(pipeline);
    }

    static String dot(PipelineDescriptionDTO pipeline) {
        StringBuilder out = new StringBuilder("digraph ").append(quoted(pipeline.pipelineName)).append(" {\n");
        out.append("  rankdir=LR;\n");
        for (StageNodeDTO stage : pipeline.stages) {
            out.append("  ").append(quoted(stage.stageId)).append(" [label=\"").append(escaped(stage.stageId))
                    .append("\\n").append(escaped(stage.function)).append("\", shape=")
                    .append(dotShape(stage.role)).append("];\n");
        }
        for (StageNodeDTO stage : pipeline.stages) {
            for (String input : stage.inputs) {
                out.append("  ").append(quoted(input)).append(" -> ").append(quoted(stage.stageId)).append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    static String mermaid(PipelineDescriptionDTO pipeline) {
        Map<String, String> ids = mermaidIds(pipeline.stages);
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (StageNodeDTO stage : pipeline.stages) {
            String label = "\"" + (stage.stageId + "<br/>" + stage.function).replace("\"", "#quot;") + "\"";
            String[] shape = mermaidShape(stage.role);
            out.append("  ").append(ids.get(stage.stageId)).append(shape[0]).append(label).append(shape[1]).append('\n');
        }
        for (StageNodeDTO stage : pipeline.stages) {
            for (String input : stage.inputs) {
                out.append("  ").append(ids.getOrDefault(input, input)).append(" --> ").append(ids.get(stage.stageId))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Stage ids that Mermaid takes as they are stay so; any other becomes {@code stageN}, by file order. */
    private static Map<String, String> mermaidIds(List<StageNodeDTO> stages) {
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            String id = stages.get(i).stageId;
            ids.put(id, PLAIN_ID.matcher(id).matches() && !id.equals("end") ? id : "stage" + (i + 1));
        }
        return ids;
    }

    private static String dotShape(String role) {
        if (role == null) {
            return "box";
        }
        return switch (role) {
            case "source" -> "invhouse";
            case "sink" -> "house";
            default -> "box";
        };
    }

    /** Opening and closing brackets: a stadium for sources, a cylinder for sinks, a box otherwise. */
    private static String[] mermaidShape(String role) {
        if ("source".equals(role)) {
            return new String[] {"([", "])"};
        }
        if ("sink".equals(role)) {
            return new String[] {"[(", ")]"};
        }
        return new String[] {"[", "]"};
    }

    private static String quoted(String text) {
        return "\"" + escaped(text) + "\"";
    }

    private static String escaped(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
