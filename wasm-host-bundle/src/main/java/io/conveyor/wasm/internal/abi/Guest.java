package io.conveyor.wasm.internal.abi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.conveyor.wasm.internal.engine.WasmFailure;
import io.conveyor.wasm.internal.engine.WasmFailure.Kind;
import io.conveyor.wasm.internal.engine.WasmInstance;

/**
 * The calls of ABI version 1 (docs/wasm-abi.md) on one instance: inputs are copied in through
 * {@code cv_alloc} and freed after the call, packed outputs are checked against the output limit,
 * copied out and freed, and a zero result is turned into the module's {@code cv_last_error}.
 */
public final class Guest implements AutoCloseable {

    public static final int ABI_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WasmInstance instance;
    private final long outputLimit;

    public Guest(WasmInstance instance, long outputLimit) {
        this.instance = instance;
        this.outputLimit = outputLimit;
    }

    public boolean exports(String function) {
        return instance.exports(function);
    }

    public int abiVersion() throws WasmFailure, InterruptedException {
        return (int) instance.call("cv_abi_version")[0];
    }

    public byte[] describe() throws WasmFailure, InterruptedException {
        return take("cv_describe", instance.call("cv_describe")[0]);
    }

    public void configure(byte[] json) throws WasmFailure, InterruptedException {
        status("cv_configure", withInput("cv_configure", json));
    }

    public byte[] transform(byte[] batch) throws WasmFailure, InterruptedException {
        return take("cv_transform", withInput("cv_transform", batch));
    }

    /** What {@code cv_finish} returns, or nothing when the module does not export it. */
    public byte[] finish() throws WasmFailure, InterruptedException {
        return exports("cv_finish") ? take("cv_finish", instance.call("cv_finish")[0]) : new byte[0];
    }

    /** The next batch of a source; empty once the stream has ended. */
    public byte[] next() throws WasmFailure, InterruptedException {
        return take("cv_next", instance.call("cv_next")[0]);
    }

    public void write(byte[] batch) throws WasmFailure, InterruptedException {
        status("cv_write", withInput("cv_write", batch));
    }

    public void commit() throws WasmFailure, InterruptedException {
        if (exports("cv_commit")) {
            status("cv_commit", instance.call("cv_commit")[0]);
        }
    }

    /** Copies {@code input} into the module, calls {@code function} with it, frees it; the raw result. */
    private long withInput(String function, byte[] input) throws WasmFailure, InterruptedException {
        if (input.length == 0) {
            return instance.call(function, 0, 0)[0];
        }
        int address = allocate(function, input.length);
        if (address == 0) {
            throw instance.memoryAtLimit()
                    ? new WasmFailure(Kind.MEMORY, "cv_alloc could not get " + input.length
                            + " bytes for the input of " + function + ": its memory limit is reached (wasm_memory_mb)")
                    : new WasmFailure(Kind.ABI, "cv_alloc returned 0 for the " + input.length
                            + " bytes of the input of " + function);
        }
        instance.write(address, input);
        long result = instance.call(function, address, input.length)[0];
        instance.call("cv_dealloc", address, input.length);
        return result;
    }

    /**
     * A trap in {@code cv_alloc} is how many runtimes (AssemblyScript's among them) fail an
     * allocation that memory cannot grow to hold: the message says what was asked and hints at the
     * memory limit.
     */
    private int allocate(String function, int length) throws WasmFailure, InterruptedException {
        try {
            return (int) instance.call("cv_alloc", length)[0];
        } catch (WasmFailure e) {
            if (e.kind() != Kind.TRAP) {
                throw e;
            }
            String reason = e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip();
            throw new WasmFailure(Kind.MEMORY, "cv_alloc trapped when asked for " + length + " bytes for the input of "
                    + function + "; the module may have run out of memory under wasm_memory_mb: " + reason, e);
        }
    }

    private void status(String function, long status) throws WasmFailure, InterruptedException {
        if (status != 0) {
            throw lastError(function);
        }
    }

    private byte[] take(String function, long packed) throws WasmFailure, InterruptedException {
        if (packed == 0) {
            throw lastError(function);
        }
        int address = (int) (packed >>> 32);
        long length = packed & 0xFFFF_FFFFL;
        if (length > outputLimit) {
            throw new WasmFailure(Kind.OUTPUT, function + " returned " + length + " bytes, more than its output limit of "
                    + describe(outputLimit) + " (wasm_max_output_mb)");
        }
        byte[] bytes = instance.read(address, (int) length);
        instance.call("cv_dealloc", address, length);
        return bytes;
    }

    private WasmFailure lastError(String function) throws WasmFailure, InterruptedException {
        long packed = instance.call("cv_last_error")[0];
        if (packed == 0) {
            return new WasmFailure(Kind.GUEST_ERROR, function + " failed and cv_last_error said nothing");
        }
        byte[] text = instance.read((int) (packed >>> 32), (int) Math.min(packed & 0xFFFF_FFFFL, 64 * 1024));
        try {
            JsonNode error = JSON.readTree(text);
            String code = error.path("code").asText("");
            String message = error.path("message").asText(new String(text, StandardCharsets.UTF_8));
            return new WasmFailure(Kind.GUEST_ERROR, function + " failed: " + (code.isEmpty() ? "" : code + ": ")
                    + message);
        } catch (IOException e) {
            return new WasmFailure(Kind.GUEST_ERROR, function + " failed: " + new String(text, StandardCharsets.UTF_8));
        }
    }

    private static String describe(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
    }

    /** Discards the instance. */
    @Override
    public void close() {
        instance.close();
    }

}
