package io.conveyor.wasm.guest;

import static io.conveyor.wasm.guest.Ndjson.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stateful transform: the total carries over from batch to batch within a run. */
class RunningTotalGuestTest {
    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void describesARequiredField(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);

        assertEquals("{\"abi\":1,\"name\":\"running.total\",\"version\":\"1.0.0\",\"roles\":[\"transform\"],"
                + "\"format\":\"ndjson\",\"description\":\"Adds running_total, the cumulative sum of a numeric "
                + "field over the whole run. Missing and null values add nothing; the total is an integer until a "
                + "fractional value appears.\",\"parameters\":[{\"name\":\"field\",\"type\":\"string\","
                + "\"required\":true,\"description\":\"The numeric field to add up.\"}]}", total.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void addsUpIntegersAcrossBatches(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);
        total.configure("{\"field\":\"qty\"}");

        assertEquals(rows(
                "{\"id\":1,\"qty\":3,\"running_total\":3}",
                "{\"id\":2,\"qty\":4,\"running_total\":7}"),
                total.transform(rows("{\"id\":1,\"qty\":3}", "{\"id\":2,\"qty\":4}")));
        assertEquals(rows(
                "{\"id\":3,\"qty\":null,\"running_total\":7}",
                "{\"id\":4,\"running_total\":7}",
                "{\"id\":5,\"qty\":-2,\"running_total\":5}"),
                total.transform(rows("{\"id\":3,\"qty\":null}", "{\"id\":4,\"running_total\":99}", "{\"id\":5,\"qty\":-2}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void turnsIntoAFloatAtTheFirstFractionAndStaysOne(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);
        total.configure("{\"field\":\"amount\"}");

        assertEquals(rows(
                "{\"amount\":1,\"running_total\":1}",
                "{\"amount\":2.5,\"running_total\":3.5}",
                "{\"amount\":0.25,\"running_total\":3.75}"),
                total.transform(rows("{\"amount\":1}", "{\"amount\":2.5}", "{\"amount\":0.25}")));
        assertEquals(rows(
                "{\"amount\":1.25,\"running_total\":5.0}",
                "{\"amount\":1e21,\"running_total\":1e+21}"),
                total.transform(rows("{\"amount\":1.25}", "{\"amount\":1e21}")));
    }

    /**
     * 0.1 + 0.2 needs 17 digits. C writes the shortest, as JavaScript does; AssemblyScript's
     * Grisu2 writes other digits of the same double (wasm-guest/README.md says so).
     */
    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void writesDigitsThatReadBackAsTheSameDouble(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);
        total.configure("{\"field\":\"v\"}");

        String output = total.transform(rows("{\"v\":0.1}", "{\"v\":0.2}"));

        String sum = language.equals("c") ? "0.30000000000000004" : "0.30000000000000007";
        assertEquals(rows(
                "{\"v\":0.1,\"running_total\":0.1}",
                "{\"v\":0.2,\"running_total\":" + sum + "}"), output);
        assertEquals(0.1 + 0.2, Double.parseDouble(sum));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void startsAfreshWhenConfiguredForANewRun(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);
        total.configure("{\"field\":\"n\"}");
        total.transform(rows("{\"n\":0.5}"));

        total.configure("{\"field\":\"n\"}");

        assertEquals(rows("{\"n\":2,\"running_total\":2}"), total.transform(rows("{\"n\":2}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void aFailedBatchAddsNothing(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);
        total.configure("{\"field\":\"n\"}");
        total.transform(rows("{\"n\":10}"));

        GuestError error = assertThrows(GuestError.class,
                () -> total.transform(rows("{\"n\":5}", "{\"n\":\"6\"}")));

        assertEquals("{\"code\":\"E_DATA\",\"message\":\"row 2: n is a string, not a number\"}", error.json());
        assertEquals(rows("{\"n\":1,\"running_total\":11}"), total.transform(rows("{\"n\":1}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void refusesATotalBeyondSixtyFourBits(String language) throws GuestError {
        GuestModule total = GuestModules.load("running-total", language);
        total.configure("{\"field\":\"n\"}");
        total.transform(rows("{\"n\":9223372036854775807}"));

        GuestError error = assertThrows(GuestError.class, () -> total.transform(rows("{\"n\":1}")));

        assertEquals("{\"code\":\"E_DATA\",\"message\":\"row 1: the running total of n overflows a 64-bit integer\"}",
                error.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void needsAField(String language) {
        GuestModule total = GuestModules.load("running-total", language);

        GuestError missing = assertThrows(GuestError.class, () -> total.configure("{}"));
        GuestError notString = assertThrows(GuestError.class, () -> total.configure("{\"field\":[\"n\"]}"));

        assertEquals("{\"code\":\"E_CONFIG\",\"message\":\"field is required\"}", missing.json());
        assertEquals("{\"code\":\"E_CONFIG\",\"message\":\"field must be a string, not an array\"}", notString.json());
    }
}
