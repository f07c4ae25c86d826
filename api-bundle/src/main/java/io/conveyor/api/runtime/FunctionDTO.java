package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

import io.conveyor.api.stage.StageDescriptor;

/** A function the runtime can run, and who provides it. */
public class FunctionDTO {
    public String function;
    /** {@code source}, {@code transform} or {@code sink}. */
    public String role;
    /** The first sentence of the description. */
    public String summary;
    public String bundleSymbolicName;
    public String bundleVersion;
    public long serviceId;
    public int ranking;
    /** Other services claiming the same function and role, which lost to this one. */
    public List<FunctionDTO> shadowed = new ArrayList<>();
    /** The full declaration: parameters, examples, description. */
    public transient StageDescriptor descriptor;
}
