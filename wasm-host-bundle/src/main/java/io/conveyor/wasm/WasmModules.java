package io.conveyor.wasm;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The WebAssembly modules loaded as stages. */
@ProviderType
public interface WasmModules {

    /**
     * Loads the module in {@code file} and registers a stage service for each of its roles; a
     * module already loaded from that file is replaced (its services go away first, as a bundle's
     * do on an update).
     *
     * @throws WasmModuleException when the file cannot be read, is not WebAssembly, or does not keep
     *                             to the ABI; a module loaded from it before stays loaded
     */
    WasmModuleDTO install(Path file) throws WasmModuleException;

    /** Unregisters the stages of the module loaded from {@code file}, if any. */
    void uninstall(Path file);

    /** The modules loaded now, in the order they were loaded. */
    List<WasmModuleDTO> modules();
}
