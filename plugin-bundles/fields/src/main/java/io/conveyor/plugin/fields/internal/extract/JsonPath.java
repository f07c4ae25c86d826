package io.conveyor.plugin.fields.internal.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON value: object keys separated by dots, each optionally followed by array
 * indices, as in {@code user.addresses[0].city} or {@code [2].name}. A key is any text without
 * {@code .}, {@code [} or {@code ]}; a part made only of digits is still a key ({@code a.0} reads
 * the member "0" of an object, {@code a[0]} the first element of an array).
 */
final class JsonPath {

    /** One step: an object member ({@code key} not null) or an array element ({@code index}). */
    record Step(String key, int index) {
        boolean isKey() {
            return key != null;
        }
    }

    private final List<Step> steps;

    private JsonPath(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    List<Step> steps() {
        return steps;
    }

    /** The parsed path; throws {@link IllegalArgumentException} with a sentence to follow "config key 'path' ". */
    static JsonPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            throw new IllegalArgumentException("must not be empty");
        }
        while (true) {
            int keyStart = i;
            while (i < n && "[].".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            if (i > keyStart) {
                steps.add(new Step(text.substring(keyStart, i), -1));
            }
            boolean indexed = false;
            while (i < n && text.charAt(i) == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("has a '[' that is not closed at character " + (i + 1)
                            + ": " + quoted(text));
                }
                steps.add(new Step(null, index(text, i + 1, close)));
                indexed = true;
                i = close + 1;
            }
            if (i == keyStart) {
                throw new IllegalArgumentException("has an empty part at character " + (i + 1) + ": " + quoted(text)
                        + " (write keys separated by single dots, e.g. \"user.address.city\")");
            }
            if (i == n) {
                return new JsonPath(steps);
            }
            if (text.charAt(i) != '.') {
                throw new IllegalArgumentException("has '" + text.charAt(i) + "' at character " + (i + 1)
                        + " where a '.' or '[' must follow " + (indexed ? "an index" : "a key") + ": "
                        + quoted(text));
            }
            i++;
            if (i == n) {
                throw new IllegalArgumentException("ends with a '.': " + quoted(text));
            }
        }
    }

    private static int index(String text, int from, int to) {
        String digits = text.substring(from, to);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
            throw new IllegalArgumentException("must have an array index (a number from 0) between '[' and ']' at "
                    + "character " + (from + 1) + ", got \"" + digits + "\": " + quoted(text));
        }
        return Integer.parseInt(digits);
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }
}
