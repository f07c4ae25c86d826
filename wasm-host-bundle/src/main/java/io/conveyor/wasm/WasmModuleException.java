package io.conveyor.wasm;

/** Why a module could not be loaded; the message names the file and the problem. */
public class WasmModuleException extends Exception {

    private static final long serialVersionUID = 1L;

    public WasmModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
