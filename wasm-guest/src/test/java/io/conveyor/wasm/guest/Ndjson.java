package io.conveyor.wasm.guest;

/** NDJSON batches for the tests: each row followed by a newline. */
final class Ndjson {
    private Ndjson() {
    }

    static String rows(String... rows) {
        StringBuilder batch = new StringBuilder();
        for (String row : rows) {
            batch.append(row).append('\n');
        }
        return batch.toString();
    }
}
