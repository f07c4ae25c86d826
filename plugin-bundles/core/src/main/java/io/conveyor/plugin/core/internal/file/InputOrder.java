package io.conveyor.plugin.core.internal.file;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets a sink take its inputs one after the other, in the order the pipeline lists them, so its
 * output is deterministic: only the first input that has not ended is accepted. Holding inputs
 * back stalls a run whose inputs come from one upstream stage; file sinks therefore accept every
 * input and keep the later ones in part files instead ({@link FileSinkTask}).
 */
public final class InputOrder {

    private final List<String> inputs;
    private final Set<String> ended = new HashSet<>();

    public InputOrder(List<String> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    public boolean accepts(String input) {
        for (String candidate : inputs) {
            if (!ended.contains(candidate)) {
                return candidate.equals(input);
            }
        }
        return false;
    }

    public void end(String input) {
        ended.add(input);
    }
}
