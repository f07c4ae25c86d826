package io.conveyor.wasm.guest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of a guest module, driven through the ABI of docs/wasm-abi.md exactly as a host
 * must: inputs are allocated with cv_alloc, written, passed, then freed with cv_dealloc (an empty
 * one is passed as (0, 0)); packed outputs are copied, then freed with cv_dealloc; a 0 result or
 * a non-zero status is an error read from cv_last_error, whose buffer stays the module's.
 */
final class GuestModule {
    private final WasmModule module;
    private final Instance instance;

    private GuestModule(WasmModule module) {
        this.module = module;
        this.instance = Instance.builder(module).withStart(false).build();
        if (exports().contains("_initialize")) {
            instance.export("_initialize").apply();
        }
    }

    static GuestModule load(Path file) {
        return new GuestModule(Parser.parse(file));
    }

    List<String> exports() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            names.add(export.name());
        }
        return names;
    }

    int importCount() {
        return module.importSection().importCount();
    }

    int declaredMaximumPages() {
        return module.memorySection().orElseThrow().getMemory(0).limits().maximumPages();
    }

    int memoryPages() {
        return memory().pages();
    }

    int abiVersion() {
        return (int) call("cv_abi_version");
    }

    int alloc(int len) {
        return (int) call("cv_alloc", len);
    }

    void dealloc(int ptr, int len) {
        call("cv_dealloc", ptr, len);
    }

    String describe() throws GuestError {
        return packedResult("cv_describe", call("cv_describe"));
    }

    void configure(String json) throws GuestError {
        statusResult("cv_configure", withInput("cv_configure", json));
    }

    String transform(String batch) throws GuestError {
        return new String(transform(batch.getBytes(UTF_8)), UTF_8);
    }

    byte[] transform(byte[] batch) throws GuestError {
        return packedBytes("cv_transform", withInput("cv_transform", batch));
    }

    String next() throws GuestError {
        return packedResult("cv_next", call("cv_next"));
    }

    void write(String batch) throws GuestError {
        statusResult("cv_write", withInput("cv_write", batch));
    }

    String lastError() {
        long packed = call("cv_last_error");
        return new String(memory().readBytes(pointer(packed), length(packed)), UTF_8);
    }

    private long withInput(String export, String text) {
        return withInput(export, text.getBytes(UTF_8));
    }

    private long withInput(String export, byte[] bytes) {
        if (bytes.length == 0) {
            return call(export, 0, 0); // docs/wasm-abi.md: an empty input is (0, 0), without cv_alloc
        }
        int ptr = alloc(bytes.length);
        if (ptr == 0) {
            throw new IllegalStateException("cv_alloc(" + bytes.length + ") returned 0");
        }
        memory().write(ptr, bytes);
        long result = call(export, ptr, bytes.length);
        dealloc(ptr, bytes.length);
        return result;
    }

    private String packedResult(String export, long packed) throws GuestError {
        return new String(packedBytes(export, packed), UTF_8);
    }

    private byte[] packedBytes(String export, long packed) throws GuestError {
        if (packed == 0) {
            throw new GuestError(export, lastError());
        }
        int ptr = pointer(packed);
        int len = length(packed);
        byte[] bytes = memory().readBytes(ptr, len);
        dealloc(ptr, len);
        return bytes;
    }

    private void statusResult(String export, long status) throws GuestError {
        if (status != 0) {
            throw new GuestError(export, lastError());
        }
    }

    private long call(String export, long... args) {
        long[] results = instance.export(export).apply(args);
        return results == null || results.length == 0 ? 0 : results[0];
    }

    private Memory memory() {
        return instance.memory();
    }

    private static int pointer(long packed) {
        return (int) (packed >>> 32);
    }

    private static int length(long packed) {
        return (int) packed;
    }
}
