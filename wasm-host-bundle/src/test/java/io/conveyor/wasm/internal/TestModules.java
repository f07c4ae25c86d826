package io.conveyor.wasm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.dylibso.chicory.wabt.Wat2Wasm;

/**
 * Plugin modules written in WAT for the tests, compiled with Chicory's wat2wasm: a well-behaved
 * pass-through transform, and hostile variants that differ only in the body of one export. Their
 * memory declares a maximum of {@value #MAX_PAGES} pages (the default limit of 64 MiB), so that
 * wasmtime runs them too.
 */
final class TestModules {

    /** The memory maximum of a module that runs on both engines under the default limits. */
    static final String MAX_PAGES = "1024";
    /** No memory maximum: the host's limit alone confines the module, which wasmtime cannot do. */
    static final String NO_MAX = "";

    /** Returns a copy of its input: a pass-through transform. */
    static final String PASS = """
            (local $out i32)
            (local.set $out (call $cv_alloc (local.get $len)))
            (memory.copy (local.get $out) (local.get $ptr) (local.get $len))
            (call $pack (local.get $out) (local.get $len))""";

    /** Never returns. */
    static final String LOOP = "(loop $forever (br $forever)) (i64.const 0)";

    /** Grows its memory a page at a time until refused, then traps. */
    static final String GROW = """
            (block $full (loop $more
              (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
              (br $more)))
            unreachable""";

    /** Claims to return 2 GiB minus one byte. */
    static final String HUGE = "(call $pack (i32.const 0) (i32.const 0x7fffffff))";

    /** Returns its input on the first call and traps on the second, in the middle of the batch. */
    static final String TRAP_ON_SECOND = """
            (local $out i32)
            (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
            (if (i32.eq (global.get $calls) (i32.const 2)) (then unreachable))
            (local.set $out (call $cv_alloc (local.get $len)))
            (memory.copy (local.get $out) (local.get $ptr) (local.get $len))
            (call $pack (local.get $out) (local.get $len))""";

    /** Returns the configuration it was given (one JSON object, so one row) whatever its input. */
    static final String CONFIGURATION = "(call $pack (global.get $config_ptr) (global.get $config_len))";

    /** Reports an error through cv_last_error. */
    static final String REFUSE = "(i64.const 0)";

    static String transform(String body) {
        return transform(body, MAX_PAGES);
    }

    /** A transform whose memory may grow to {@code maxPages} (empty: no maximum). */
    static String transform(String body, String maxPages) {
        return module(1, "\"transform\"", body, "", "", maxPages);
    }

    static String module(int abi, String roles, String body, String imports, String functions) {
        return module(abi, roles, body, imports, functions, MAX_PAGES);
    }

    /**
     * A module of ABI version {@code abi} with the given roles (JSON strings) whose
     * {@code cv_transform} runs {@code body}, with {@code imports}, more {@code functions}, and a
     * memory of 2 pages that may grow to {@code maxPages}.
     */
    static String module(int abi, String roles, String body, String imports, String functions, String maxPages) {
        String describe = "{\\\"abi\\\":" + abi + ",\\\"name\\\":\\\"test.pass\\\",\\\"version\\\":\\\"1.2.3\\\","
                + "\\\"roles\\\":[" + roles.replace("\"", "\\\"") + "],\\\"format\\\":\\\"ndjson\\\","
                + "\\\"description\\\":\\\"Passes rows on.\\\",\\\"parameters\\\":[{\\\"name\\\":\\\"label\\\","
                + "\\\"type\\\":\\\"string\\\",\\\"default\\\":\\\"x\\\"}]}";
        String error = "{\\\"code\\\":\\\"E_TEST\\\",\\\"message\\\":\\\"refused this batch\\\"}";
        int describeLength = unescapedLength(describe);
        int errorLength = unescapedLength(error);
        return """
                (module
                  %s
                  (memory (export "memory") 2 %s)
                  (global $heap (mut i32) (i32.const 4096))
                  (global $calls (mut i32) (i32.const 0))
                  (global $config_ptr (mut i32) (i32.const 0))
                  (global $config_len (mut i32) (i32.const 0))
                  (data (i32.const 1024) "%s")
                  (data (i32.const 3072) "%s")
                  (func $pack (param $ptr i32) (param $len i32) (result i64)
                    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32)) (i64.extend_i32_u (local.get $len))))
                  (func $cv_alloc (export "cv_alloc") (param $len i32) (result i32)
                    (local $at i32)
                    (local.set $at (global.get $heap))
                    (global.set $heap (i32.add (global.get $heap) (local.get $len)))
                    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
                      (then (if (i32.eq (memory.grow (i32.add (i32.div_u (local.get $len) (i32.const 65536)) (i32.const 1)))
                                        (i32.const -1))
                              (then (return (i32.const 0))))))
                    (local.get $at))
                  (func (export "cv_dealloc") (param i32 i32))
                  (func (export "cv_abi_version") (result i32) (i32.const %d))
                  (func (export "cv_describe") (result i64)
                    (local $out i32)
                    (local.set $out (call $cv_alloc (i32.const %d)))
                    (memory.copy (local.get $out) (i32.const 1024) (i32.const %d))
                    (call $pack (local.get $out) (i32.const %d)))
                  (func (export "cv_configure") (param $ptr i32) (param $len i32) (result i32)
                    (global.set $config_ptr (local.get $ptr))
                    (global.set $config_len (local.get $len))
                    (i32.const 0))
                  (func (export "cv_last_error") (result i64) (call $pack (i32.const 3072) (i32.const %d)))
                  (func (export "cv_transform") (param $ptr i32) (param $len i32) (result i64)
                    %s)
                  %s)
                """.formatted(imports, maxPages, describe, error, abi, describeLength, describeLength, describeLength,
                errorLength, body, functions);
    }

    private static int unescapedLength(String watString) {
        return watString.replace("\\\"", "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static Path write(Path folder, String name, String wat) throws IOException {
        return Files.write(folder.resolve(name), Wat2Wasm.parse(wat));
    }

    private TestModules() {
    }
}
