package io.conveyor.wasm;

import java.util.List;

/** A loaded module, as {@link WasmModules#modules()} lists it. */
public class WasmModuleDTO {
    /** The file it was loaded from. */
    public String file;
    /** The function its stages serve. */
    public String function;
    public String version;
    /** {@code source}, {@code transform}, {@code sink}. */
    public List<String> roles;
    /** {@code ndjson} or {@code arrow}. */
    public String format;
    /** The engine that runs it. */
    public String engine;
}
