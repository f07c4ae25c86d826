package io.conveyor.plugin.kit.column;

import java.math.BigDecimal;

/**
 * Formats floats the way the original tool (Polars, serde_json) printed them: always with a
 * decimal point ({@code 150.0}, {@code 45.5}), never in exponent notation
 * ({@code 10000000.0}, not {@code 1.0E7}), with the shortest digits that read back to the
 * same double.
 */
public final class NumberText {

    private NumberText() {
    }

    /** {@code NaN}, {@code inf} and {@code -inf} for the non-finite values. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = Double.toString(value);
        if (text.indexOf('E') < 0) {
            return text;
        }
        String plain = new BigDecimal(text).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
