package io.conveyor.plugin.fields.internal.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.plugin.fields.internal.extract.JsonPath.Step;

class JsonPathTest {

    private static Step key(String key) {
        return new Step(key, -1);
    }

    private static Step index(int index) {
        return new Step(null, index);
    }

    private static String problem(String path) {
        return assertThrows(IllegalArgumentException.class, () -> JsonPath.parse(path)).getMessage();
    }

    @Test
    void keysAndIndicesInEveryPosition() {
        assertEquals(List.of(key("a")), JsonPath.parse("a").steps());
        assertEquals(List.of(key("a"), key("b"), key("c")), JsonPath.parse("a.b.c").steps());
        assertEquals(List.of(key("a"), key("b"), index(0), key("c")), JsonPath.parse("a.b[0].c").steps());
        assertEquals(List.of(key("m"), index(1), index(10)), JsonPath.parse("m[1][10]").steps());
        assertEquals(List.of(index(2), key("id")), JsonPath.parse("[2].id").steps());
        assertEquals(List.of(key("a"), key("0"), key("first name")), JsonPath.parse("a.0.first name").steps());
    }

    @Test
    void malformedPathsSayWhereAndWhy() {
        assertEquals("must not be empty", problem(""));
        assertEquals("has an empty part at character 3: \"a..b\" (write keys separated by single dots, e.g. "
                + "\"user.address.city\")", problem("a..b"));
        assertEquals("has an empty part at character 1: \".a\" (write keys separated by single dots, e.g. "
                + "\"user.address.city\")", problem(".a"));
        assertEquals("ends with a '.': \"a.\"", problem("a."));
        assertEquals("has a '[' that is not closed at character 2: \"a[0\"", problem("a[0"));
        assertEquals("must have an array index (a number from 0) between '[' and ']' at character 3, got \"x\": "
                + "\"a[x]\"", problem("a[x]"));
        assertEquals("must have an array index (a number from 0) between '[' and ']' at character 3, got \"\": "
                + "\"a[]\"", problem("a[]"));
        assertEquals("must have an array index (a number from 0) between '[' and ']' at character 3, got \"-1\": "
                + "\"a[-1]\"", problem("a[-1]"));
        assertEquals("has 'b' at character 5 where a '.' or '[' must follow an index: \"a[0]b\"", problem("a[0]b"));
        assertEquals("has ']' at character 2 where a '.' or '[' must follow a key: \"a]\"", problem("a]"));
    }
}
