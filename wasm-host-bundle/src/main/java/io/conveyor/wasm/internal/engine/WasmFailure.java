package io.conveyor.wasm.internal.engine;

/** Why a module could not be loaded, or a call to it failed. */
public final class WasmFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong; the host words its message from it. */
    public enum Kind {
        /** The file is not a WebAssembly module, or not a valid one. */
        NOT_WASM,
        /** The module does not keep to the ABI (exports, description, packed results). */
        ABI,
        /** The module trapped: unreachable, out-of-bounds access, division by zero, stack overflow. */
        TRAP,
        /** A call ran past its deadline. */
        DEADLINE,
        /** The instance needed more memory than its limit. */
        MEMORY,
        /** A call returned more bytes than the output limit. */
        OUTPUT,
        /**
         * The engine cannot confine the module as the sandbox requires (wasmtime: no declared memory
         * maximum), so the host does not run it there.
         */
        REFUSED,
        /** The module reported an error through {@code cv_last_error}; the instance stays usable. */
        GUEST_ERROR
    }

    private final Kind kind;

    public WasmFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public WasmFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
