package io.conveyor.plugin.expression.internal.eval;

/** A value an expression cannot compute (an integer overflow, a text a cast cannot read), at a character of it. */
public final class EvalException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int at;

    EvalException(int at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    /** The character of the expression (0-based) the failing operation is at. */
    public int at() {
        return at;
    }
}
