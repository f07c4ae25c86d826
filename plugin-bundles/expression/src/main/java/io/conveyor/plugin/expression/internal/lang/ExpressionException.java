package io.conveyor.plugin.expression.internal.lang;

import java.util.List;

/** One or more problems with an expression, in the order they appear in it. */
public final class ExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ExpressionError> errors;

    public ExpressionException(List<ExpressionError> errors) {
        super(errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public ExpressionException(int at, String message) {
        this(List.of(new ExpressionError(at, message)));
    }

    public List<ExpressionError> errors() {
        return errors;
    }

    public ExpressionError first() {
        return errors.get(0);
    }
}
