package io.conveyor.wasm.internal.stage;

/**
 * The server's defaults for every instance (PID {@code io.conveyor.wasm}); a stage may set its
 * own with the {@code wasm_*} keys. {@code engine} also loads each module: its self-description
 * is read on that engine.
 */
public record Limits(long memoryMb, long callTimeoutMs, long outputMb, String engine) {

    public static final Limits DEFAULTS = new Limits(64, 10_000, 64, "chicory");

    public Limits withEngine(String engine) {
        return new Limits(memoryMb, callTimeoutMs, outputMb, engine);
    }
}
