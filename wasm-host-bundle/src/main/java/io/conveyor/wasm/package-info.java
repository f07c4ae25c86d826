/**
 * The WASM host's service: load, reload and unload WebAssembly plugin modules
 * ({@link io.conveyor.wasm.WasmModules}). The server's deploy folder uses it; the stages a module
 * provides are ordinary stage services once loaded.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.conveyor.wasm;
