package io.conveyor.engine.internal.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code [[stages]]} table as written, with {@code {{variables}}} substituted.
 *
 * @param config       {@code [stages.config]} as TOML values (String, Long, Double, Boolean,
 *                     List, Map, java.time values), in file order
 * @param location     where the {@code [[stages]]} table starts
 * @param keyLocations where each key of {@code config} is written (for located config errors)
 * @param inputLocations where each entry of {@code inputs} is written, same order as inputs
 * @param functionLocation where the {@code function} value is written
 */
public record StageSpec(String id, String function, List<String> inputs, Map<String, Object> config,
        Location location, Map<String, Location> keyLocations, List<Location> inputLocations,
        Location functionLocation) {

    /** The location of a config key, or of the stage when the key is not written. */
    public Location locationOf(String key) {
        return keyLocations.getOrDefault(key, location);
    }
}
