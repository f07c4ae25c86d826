package io.conveyor.plugin.expression.internal.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.conveyor.plugin.expression.internal.lang.Ast;
import io.conveyor.plugin.expression.internal.lang.Type;

/** The functions expressions can call, their arities and how each compiles. */
final class Functions {

    /** @param usage the argument list as the documentation writes it, e.g. {@code (s, start[, count])} */
    record Signature(int min, int max, String usage) {
        String arity() {
            if (max == Integer.MAX_VALUE) {
                return min + " or more arguments";
            }
            String n = min == max ? String.valueOf(min) : min + " or " + max;
            return n + (max == 1 ? " argument" : " arguments");
        }
    }

    static final Map<String, Signature> SIGNATURES = new LinkedHashMap<>();

    static {
        for (String name : List.of("lower", "upper", "length", "trim", "ltrim", "rtrim")) {
            SIGNATURES.put(name, new Signature(1, 1, "(s)"));
        }
        SIGNATURES.put("substr", new Signature(2, 3, "(s, start[, count])"));
        SIGNATURES.put("substring", new Signature(2, 3, "(s, start[, count])"));
        SIGNATURES.put("concat", new Signature(1, Integer.MAX_VALUE, "(a, b, ...)"));
        SIGNATURES.put("replace", new Signature(3, 3, "(s, from, to)"));
        for (String name : List.of("starts_with", "ends_with", "contains")) {
            SIGNATURES.put(name, new Signature(2, 2, "(s, part)"));
        }
        for (String name : List.of("abs", "floor", "ceil", "ceiling", "sqrt", "ln", "exp")) {
            SIGNATURES.put(name, new Signature(1, 1, "(x)"));
        }
        SIGNATURES.put("round", new Signature(1, 2, "(x[, digits])"));
        SIGNATURES.put("pow", new Signature(2, 2, "(x, y)"));
        SIGNATURES.put("power", new Signature(2, 2, "(x, y)"));
        SIGNATURES.put("coalesce", new Signature(1, Integer.MAX_VALUE, "(a, b, ...)"));
        SIGNATURES.put("nullif", new Signature(2, 2, "(a, b)"));
    }

    private static final String TEXT = "text (utf8)";
    private static final String INTEGER = "an integer";
    private static final String NUMBER = "a number";

    private Functions() {
    }

    /** Compiles a call whose name and arity are known good; null after reporting a type problem. */
    static Kernel bind(Compiler compiler, Ast.Call n, List<Kernel> arguments) {
        int at = n.span().at();
        switch (n.function()) {
            case "lower", "upper", "length", "trim", "ltrim", "rtrim" -> {
                return text(compiler, n, arguments, TextFunction.Op.valueOf(n.function().toUpperCase(java.util.Locale.ROOT)), TEXT);
            }
            case "starts_with", "ends_with", "contains" -> {
                return text(compiler, n, arguments, TextFunction.Op.valueOf(n.function().toUpperCase(java.util.Locale.ROOT)), TEXT, TEXT);
            }
            case "replace" -> {
                return text(compiler, n, arguments, TextFunction.Op.REPLACE, TEXT, TEXT, TEXT);
            }
            case "substr", "substring" -> {
                return text(compiler, n, arguments, TextFunction.Op.SUBSTR, TEXT, INTEGER, INTEGER);
            }
            case "concat" -> {
                return compiler.concat(n.arguments(), arguments, false, at);
            }
            case "coalesce" -> {
                return compiler.coalesce(n, arguments);
            }
            case "nullif" -> {
                return compiler.nullIf(n, arguments);
            }
            default -> {
                return math(compiler, n, arguments);
            }
        }
    }

    private static Kernel text(Compiler compiler, Ast.Call n, List<Kernel> arguments, TextFunction.Op op,
            String... needs) {
        Kernel[] checked = new Kernel[arguments.size()];
        boolean failed = false;
        for (int i = 0; i < checked.length; i++) {
            Type type = needs[i].equals(TEXT) ? Type.STRING : Type.INT;
            checked[i] = compiler.argument(n, arguments, i, needs[i], type);
            failed |= checked[i] == null;
        }
        if (failed) {
            return null;
        }
        return compiler.fold(new TextFunction(op, checked, n.span().at()), checked);
    }

    private static Kernel math(Compiler compiler, Ast.Call n, List<Kernel> arguments) {
        Kernel x = compiler.argument(n, arguments, 0, NUMBER, Type.INT, Type.FLOAT);
        Kernel y = null;
        String name = n.function();
        if (arguments.size() > 1) {
            y = name.equals("round") ? compiler.argument(n, arguments, 1, INTEGER, Type.INT)
                    : compiler.argument(n, arguments, 1, NUMBER, Type.INT, Type.FLOAT);
            if (y == null) {
                return null;
            }
        }
        if (x == null) {
            return null;
        }
        MathFunction.Op op = switch (name) {
            case "abs" -> MathFunction.Op.ABS;
            case "round" -> MathFunction.Op.ROUND;
            case "floor" -> MathFunction.Op.FLOOR;
            case "ceil", "ceiling" -> MathFunction.Op.CEIL;
            case "sqrt" -> MathFunction.Op.SQRT;
            case "ln" -> MathFunction.Op.LN;
            case "exp" -> MathFunction.Op.EXP;
            default -> MathFunction.Op.POW;
        };
        boolean keepsIntegers = op == MathFunction.Op.ABS || op == MathFunction.Op.ROUND
                || op == MathFunction.Op.FLOOR || op == MathFunction.Op.CEIL;
        Type type = keepsIntegers && x.type == Type.INT ? Type.INT : Type.FLOAT;
        if (type == Type.FLOAT && x.type == Type.INT) {
            x = compiler.fold(new Arithmetic.ToFloat(x), x);
        }
        if (op == MathFunction.Op.POW && y.type == Type.INT) {
            y = compiler.fold(new Arithmetic.ToFloat(y), y);
        }
        Kernel[] inputs = y == null ? new Kernel[] {x} : new Kernel[] {x, y};
        return compiler.fold(new MathFunction(op, type, inputs, n.span().at()), inputs);
    }
}
