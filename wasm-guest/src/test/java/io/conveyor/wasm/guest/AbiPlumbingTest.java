package io.conveyor.wasm.guest;

import static io.conveyor.wasm.guest.Ndjson.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every module built from wasm-guest/ must do, whatever it computes. */
class AbiPlumbingTest {
    private static final List<String> EXPORTS_OF_EVERY_MODULE = List.of(
            "memory", "_initialize", "cv_abi_version", "cv_alloc", "cv_dealloc", "cv_describe",
            "cv_configure", "cv_last_error");
    /** The host's default memory limit (64 MiB): declared, so an engine without a limiter can run it. */
    private static final int MAXIMUM_PAGES = 1024;

    static Stream<Arguments> modules() {
        return Stream.of("echo", "rows-filter", "running-total", "template")
                .flatMap(name -> Stream.of(Arguments.of(name, "c"), Arguments.of(name, "as")));
    }

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("modules")
    void importsNothingAndExportsTheAbi(String name, String language) {
        GuestModule module = GuestModules.load(name, language);

        assertEquals(0, module.importCount());
        assertTrue(module.exports().containsAll(EXPORTS_OF_EVERY_MODULE), () -> "exports " + module.exports());
        assertEquals(1, module.abiVersion());
        assertEquals(MAXIMUM_PAGES, module.declaredMaximumPages());
    }

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("modules")
    void allocatesANonZeroPointerEvenForNoBytes(String name, String language) {
        GuestModule module = GuestModules.load(name, language);

        int ptr = module.alloc(0);

        assertNotEquals(0, ptr);
        module.dealloc(ptr, 0);
    }

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("modules")
    void keepsItsLastErrorUntilTheNextOne(String name, String language) throws GuestError {
        GuestModule module = GuestModules.load(name, language);
        assertEquals("{\"code\":\"E_NONE\",\"message\":\"no error was reported\"}", module.lastError());

        GuestError refusal = assertThrows(GuestError.class, () -> module.configure("not json"));

        assertTrue(refusal.json().startsWith("{\"code\":\"E_CONFIG\",\"message\":\""), refusal.json());
        assertEquals(refusal.json(), module.lastError());
    }

    /** An empty batch comes as (0, 0), without cv_alloc, and gives an empty batch back. */
    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("modules")
    void takesAnEmptyBatchAsZeroZero(String name, String language) throws GuestError {
        GuestModule module = GuestModules.load(name, language);
        module.configure(name.equals("running-total") ? "{\"field\":\"n\"}" : "{\"add_metadata\":false}");

        assertEquals("", module.transform(""));
    }

    /** Every input and output is freed, so memory does not grow with the data passed through. */
    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("modules")
    void memoryStaysFlatOverManyLargeBatches(String name, String language) throws GuestError {
        // 100 batches of 5 KB in and 5 KB out: a leak of what passes through would take 15 pages;
        // the allocators may still settle by a page or two.
        assertMemoryGrowsAtMost(2, name, language, 100, 100);
    }

    /** Nothing is lost per call either: a 16-byte leak per output took 3 more pages here. */
    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("modules")
    void memoryStaysFlatOverManySmallBatches(String name, String language) throws GuestError {
        assertMemoryGrowsAtMost(0, name, language, 1, 5_000);
    }

    private static void assertMemoryGrowsAtMost(int pages, String name, String language, int rowsPerBatch,
            int batches) throws GuestError {
        GuestModule module = GuestModules.load(name, language);
        module.configure(name.equals("running-total") ? "{\"field\":\"n\"}" : "{}");
        String batch = rows(Stream.generate(() -> "{\"n\":1,\"name\":\"some name\",\"status\":\"active\"}")
                .limit(rowsPerBatch).toArray(String[]::new));
        for (int i = 0; i < 10; i++) {
            module.transform(batch);
        }
        int pagesAfterWarmUp = module.memoryPages();

        for (int i = 0; i < batches; i++) {
            module.transform(batch);
        }

        assertTrue(module.memoryPages() - pagesAfterWarmUp <= pages, () -> pagesAfterWarmUp
                + " pages after warming up, " + module.memoryPages() + " after " + batches + " more batches");
    }
}
