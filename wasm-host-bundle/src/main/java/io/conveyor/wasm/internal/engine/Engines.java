package io.conveyor.wasm.internal.engine;

import java.util.List;

/**
 * The engines a module can run on, by the name the {@code engine} setting and the
 * {@code wasm_engine} stage key use. Chicory is always there; wasmtime is started on first use,
 * since it loads a native library.
 */
public final class Engines {

    public static final List<String> NAMES = List.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);

    private final ChicoryEngine chicory;
    private WasmtimeEngine wasmtime;
    private boolean shutDown;

    public Engines(Deadlines deadlines) {
        this.chicory = new ChicoryEngine(deadlines);
    }

    /** Whether {@code name} names an engine. */
    public static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** What to say of an engine name that is none of {@link #NAMES}. */
    public static String unknown(String setting, String name) {
        return setting + " must be one of " + String.join(", ", NAMES) + ", got '" + name + "'";
    }

    public WasmEngine get(String name) throws WasmFailure {
        return switch (name) {
            case ChicoryEngine.NAME -> chicory;
            case WasmtimeEngine.NAME -> wasmtime();
            default -> throw new IllegalArgumentException(unknown("the engine", name));
        };
    }

    private synchronized WasmtimeEngine wasmtime() throws WasmFailure {
        if (shutDown) {
            throw new WasmFailure(WasmFailure.Kind.REFUSED, "the wasmtime engine has been shut down");
        }
        if (wasmtime == null) {
            try {
                wasmtime = new WasmtimeEngine();
            } catch (NoClassDefFoundError e) {
                throw new WasmFailure(WasmFailure.Kind.REFUSED, "the wasmtime engine is not installed (the bundle"
                        + " io.conveyor.wasmtime); use the chicory engine", e);
            }
        }
        return wasmtime;
    }

    /** Starts no more wasmtime instances; wasmtime is freed once its last instance is closed. */
    public synchronized void shutdown() {
        shutDown = true;
        if (wasmtime != null) {
            wasmtime.shutdown();
        }
    }
}
