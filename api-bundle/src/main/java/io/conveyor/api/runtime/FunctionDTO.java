package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A function the runtime can run, who provides it, and what it declares: plain data, so it can
 * be printed, turned into JSON or sent to a remote client.
 */
public class FunctionDTO {
    public String function;
    /** {@code source}, {@code transform} or {@code sink}. */
    public String role;
    /** The first sentence of {@link #description}. */
    public String summary;
    public String bundleSymbolicName;
    public String bundleVersion;
    public long serviceId;
    public int ranking;
    /** Other services claiming the same function and role, which lost to this one. */
    public List<FunctionDTO> shadowed = new ArrayList<>();
    /** The full description the provider declares; empty when it declares none. */
    public String description;
    /** The config parameters the function accepts, in declaration order. */
    public List<ParameterDTO> parameters = new ArrayList<>();
    /** Worked examples, in declaration order. */
    public List<ExampleDTO> examples = new ArrayList<>();
}
