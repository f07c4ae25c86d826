package io.conveyor.wasm.internal.stage;

/**
 * The server's default limits for every instance (PID {@code io.conveyor.wasm}); a stage may set
 * its own with the {@code wasm_*} keys.
 */
public record Limits(long memoryMb, long callTimeoutMs, long outputMb) {

    public static final Limits DEFAULTS = new Limits(64, 10_000, 64);
}
