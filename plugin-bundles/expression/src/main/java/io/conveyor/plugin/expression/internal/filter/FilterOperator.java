package io.conveyor.plugin.expression.internal.filter;

/** The comparison filter.apply applies; each accepts the spellings the original tool did. */
enum FilterOperator {
    EQ, NE, GT, GE, LT, LE, CONTAINS, IN;

    /** Every accepted spelling, as the descriptor lists them. */
    static final String[] SPELLINGS = {"==", "=", "!=", "<>", ">", ">=", "<", "<=", "contains", "in"};

    static FilterOperator parse(String text) {
        return switch (text) {
            case "==", "=" -> EQ;
            case "!=", "<>" -> NE;
            case ">" -> GT;
            case ">=" -> GE;
            case "<" -> LT;
            case "<=" -> LE;
            case "contains" -> CONTAINS;
            case "in" -> IN;
            default -> throw new IllegalArgumentException("unknown operator " + text);
        };
    }

    boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** Whether a comparison result (negative, zero, positive) satisfies this operator. */
    boolean accepts(int comparison) {
        return switch (this) {
            case EQ, IN -> comparison == 0;
            case NE -> comparison != 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case CONTAINS -> throw new IllegalStateException("contains is not a comparison");
        };
    }
}
