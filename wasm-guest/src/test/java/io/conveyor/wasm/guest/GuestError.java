package io.conveyor.wasm.guest;

/** A guest export reported an error: {@link #json()} is what its {@code cv_last_error} returned. */
final class GuestError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String json;

    GuestError(String export, String json) {
        super(export + " failed: " + json);
        this.json = json;
    }

    String json() {
        return json;
    }
}
