package io.conveyor.plugin.expression.internal.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.expression.internal.lang.Ast;
import io.conveyor.plugin.expression.internal.lang.ExpressionError;
import io.conveyor.plugin.expression.internal.lang.ExpressionException;
import io.conveyor.plugin.expression.internal.lang.Type;
import io.conveyor.plugin.kit.column.TypeNames;

/**
 * Resolves an expression's names against an input schema, checks its types, and compiles it
 * into kernels, folding operations on constants. Every problem is collected with its position,
 * and a failed operand does not cause further reports about the operations around it.
 */
public final class Compiler {

    private static final int MAX_COLUMNS_LISTED = 20;
    private static final int MAX_SNIPPET = 30;

    private final String text;
    private final List<Field> fields;
    private final List<ExpressionError> errors = new ArrayList<>();
    private final Map<Integer, ColumnKernel> columns = new HashMap<>();
    private long foldEpoch = -2;

    private Compiler(String text, Schema schema) {
        this.text = text;
        this.fields = schema.getFields();
    }

    /**
     * Compiles {@code ast} (parsed from {@code text}) for batches of {@code schema}.
     *
     * @throws ExpressionException every unknown name and type error, in the order met
     */
    public static CompiledExpression compile(String text, Ast ast, Schema schema) throws ExpressionException {
        Compiler compiler = new Compiler(text, schema);
        Kernel root = compiler.bind(ast);
        if (!compiler.errors.isEmpty()) {
            throw new ExpressionException(compiler.errors);
        }
        return new CompiledExpression(root, schema);
    }

    private Kernel error(int at, String message) {
        errors.add(new ExpressionError(at, message));
        return null;
    }

    private Kernel error(Ast node, String message) {
        return error(node.span().at(), message);
    }

    /** The expression's own text for a node, shortened, for messages. */
    private String snippet(Ast node) {
        int start = text.offsetByCodePoints(0, node.span().start());
        int end = text.offsetByCodePoints(0, node.span().end());
        String s = text.substring(start, end);
        return s.length() > MAX_SNIPPET ? s.substring(0, MAX_SNIPPET) + "..." : s;
    }

    // ---------------------------------------------------------------- nodes

    private Kernel bind(Ast node) {
        if (node instanceof Ast.Literal n) {
            return literal(n);
        }
        if (node instanceof Ast.Column n) {
            return column(n);
        }
        if (node instanceof Ast.Unary n) {
            return unary(n);
        }
        if (node instanceof Ast.Binary n) {
            return binary(n);
        }
        if (node instanceof Ast.In n) {
            return in(n);
        }
        if (node instanceof Ast.IsNull n) {
            Kernel value = bind(n.value());
            return value == null ? null : fold(new Logic.IsNull(value, n.negated(), n.span().at()), value);
        }
        if (node instanceof Ast.Like n) {
            return like(n);
        }
        if (node instanceof Ast.Between n) {
            return between(n);
        }
        if (node instanceof Ast.Case n) {
            return caseOf(n);
        }
        if (node instanceof Ast.Cast n) {
            return cast(n);
        }
        return call((Ast.Call) node);
    }

    private Kernel literal(Ast.Literal n) {
        int at = n.span().at();
        Object value = n.value();
        if (value == null) {
            return Const.ofNull(Type.NULL, at);
        }
        if (value instanceof Long l) {
            return Const.ofLong(Type.INT, l, at);
        }
        if (value instanceof Double d) {
            return Const.ofDouble(d, at);
        }
        if (value instanceof Boolean b) {
            return Const.ofBool(b, at);
        }
        return Const.ofString((String) value, at);
    }

    private Kernel column(Ast.Column n) {
        int index = indexOf(n.name(), n.quoting() == Ast.Quoting.BARE);
        if (index < 0) {
            List<String> names = fields.stream().map(Field::getName).toList();
            String hint = Suggestions.didYouMean(n.name(), names);
            if (n.quoting() == Ast.Quoting.DOUBLE_QUOTES) {
                hint += " (\"double quotes\" name a column; write text in single quotes: '"
                        + n.name().replace("'", "''") + "')";
            } else if (hint.isEmpty()) {
                hint = names.isEmpty() ? " (the input has no columns)" : names.size() <= MAX_COLUMNS_LISTED
                        ? " (columns: " + String.join(", ", names) + ")" : "";
            }
            return error(n, "unknown column '" + n.name() + "'" + hint);
        }
        Field field = fields.get(index);
        Type type = Type.of(field.getType());
        if (type == null) {
            return error(n, "column '" + field.getName() + "' is " + TypeNames.of(field)
                    + ", a type expressions cannot read (they read integers, floats, bool, utf8, dates and timestamps)");
        }
        return columns.computeIfAbsent(index, i -> new ColumnKernel(type, i, n.span().at()));
    }

    /** A bare name matches exactly, or else ignoring case when exactly one column matches so. */
    private int indexOf(String name, boolean bare) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        if (!bare) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equalsIgnoreCase(name)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private Kernel unary(Ast.Unary n) {
        Kernel operand = bind(n.operand());
        if (operand == null) {
            return null;
        }
        int at = n.span().at();
        if (n.operator().equals("not")) {
            operand = nullAs(operand, Type.BOOL);
            if (operand.type != Type.BOOL) {
                return error(at, "'not' needs a condition (true or false), got " + describe(n.operand(), operand));
            }
            return fold(new Logic.Not(operand, at), operand);
        }
        operand = nullAs(operand, Type.INT);
        if (!operand.type.isNumeric()) {
            return error(at, "'" + n.operator() + "' needs a number, got " + describe(n.operand(), operand));
        }
        return n.operator().equals("+") ? operand : fold(new Arithmetic.Negate(operand, at), operand);
    }

    private Kernel binary(Ast.Binary n) {
        Kernel left = bind(n.left());
        Kernel right = bind(n.right());
        if (left == null || right == null) {
            return null;
        }
        int at = n.span().at();
        String op = n.operator();
        switch (op) {
            case "and", "or" -> {
                left = nullAs(left, Type.BOOL);
                right = nullAs(right, Type.BOOL);
                if (left.type != Type.BOOL || right.type != Type.BOOL) {
                    return error(at, "'" + op + "' needs conditions (true or false) on both sides, got "
                            + describe(n.left(), left) + " and " + describe(n.right(), right));
                }
                return fold(new Logic(op.equals("and"), left, right, at), left, right);
            }
            case "||" -> {
                return concat(List.of(n.left(), n.right()), List.of(left, right), true, at);
            }
            case "+", "-", "*", "/", "%" -> {
                return arithmetic(n, left, right);
            }
            default -> {
                return compare(Comparison.Op.of(op), n.written(), n.left(), left, n.right(), right, at);
            }
        }
    }

    private Kernel arithmetic(Ast.Binary n, Kernel left, Kernel right) {
        int at = n.span().at();
        left = nullAs(left, right.type == Type.NULL ? Type.INT : right.type);
        right = nullAs(right, left.type);
        if (!left.type.isNumeric() || !right.type.isNumeric()) {
            boolean text = left.type == Type.STRING || right.type == Type.STRING;
            return error(at, "'" + n.operator() + "' needs numbers on both sides, got " + describe(n.left(), left)
                    + " and " + describe(n.right(), right)
                    + (text && n.operator().equals("+") ? " (use || to join text)" : ""));
        }
        Arithmetic.Op op = switch (n.operator()) {
            case "+" -> Arithmetic.Op.ADD;
            case "-" -> Arithmetic.Op.SUBTRACT;
            case "*" -> Arithmetic.Op.MULTIPLY;
            case "/" -> Arithmetic.Op.DIVIDE;
            default -> Arithmetic.Op.REMAINDER;
        };
        boolean floats = op == Arithmetic.Op.DIVIDE || left.type == Type.FLOAT || right.type == Type.FLOAT;
        if (floats) {
            left = toFloat(left);
            right = toFloat(right);
        }
        return fold(new Arithmetic(op, left, right, at), left, right);
    }

    private Kernel toFloat(Kernel k) {
        return k.type == Type.INT ? fold(new Arithmetic.ToFloat(k), k) : k;
    }

    /**
     * {@code left op right} for two bound operands, widening as needed: int64 with float64, a date
     * with a timestamp, and a date or timestamp with a text constant (read as one).
     */
    private Kernel compare(Comparison.Op op, String written, Ast leftNode, Kernel left, Ast rightNode, Kernel right,
            int at) {
        left = nullAs(left, right.type == Type.NULL ? Type.INT : right.type);
        right = nullAs(right, left.type);
        if (left.type.isTemporal() && right.type == Type.STRING) {
            right = temporalConstant(rightNode, right, left.type);
        } else if (right.type.isTemporal() && left.type == Type.STRING) {
            left = temporalConstant(leftNode, left, right.type);
        }
        if (left == null || right == null) {
            return null;
        }
        if (left.type.isTemporal() && right.type.isTemporal() && left.type != right.type) {
            left = widenToTimestamp(left);
            right = widenToTimestamp(right);
        }
        boolean comparable = left.type == right.type || (left.type.isNumeric() && right.type.isNumeric());
        if (!comparable) {
            String hint = "";
            if ((left.type == Type.STRING && left.isConstant() && right.type.isNumeric())
                    || (right.type == Type.STRING && right.isConstant() && left.type.isNumeric())) {
                hint = " (write numbers without quotes)";
            }
            return error(at, "'" + written + "' cannot compare " + describe(leftNode, left) + " with "
                    + describe(rightNode, right) + hint);
        }
        if (left.isConstant() && !right.isConstant()) {
            return fold(new Comparison(op.flip(), right, left, at), right, left);
        }
        return fold(new Comparison(op, left, right, at), left, right);
    }

    private Kernel widenToTimestamp(Kernel k) {
        return k.type == Type.DATE ? fold(new Cast(k, Type.TIMESTAMP, false, k.at), k) : k;
    }

    /** A text constant compared with a date or timestamp, read as one; a problem at the text when it is not. */
    private Kernel temporalConstant(Ast node, Kernel text, Type type) {
        if (!(text instanceof Const c)) {
            return text; // a text column: reported as not comparable
        }
        if (c.isNull()) {
            return Const.ofNull(type, c.at);
        }
        byte[] bytes = c.stringValue();
        long value = type == Type.DATE ? DateTimes.parseDate(bytes, 0, bytes.length)
                : DateTimes.parseTimestamp(bytes, 0, bytes.length);
        if (value == DateTimes.INVALID) {
            return error(node, snippet(node) + " is not a " + type.displayName() + " (write "
                    + (type == Type.DATE ? "'yyyy-mm-dd')" : "'yyyy-mm-dd hh:mm:ss')"));
        }
        return Const.ofLong(type, value, c.at);
    }

    private Kernel in(Ast.In n) {
        Kernel value = bind(n.value());
        List<Kernel> items = new ArrayList<>();
        boolean failed = value == null;
        for (Ast item : n.list()) {
            Kernel k = bind(item);
            failed |= k == null;
            items.add(k);
        }
        if (failed) {
            return null;
        }
        int at = n.span().at();
        value = nullAs(value, items.stream().map(k -> k.type).filter(t -> t != Type.NULL).findFirst().orElse(Type.INT));
        List<Kernel> equalities = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Kernel eq = compare(Comparison.Op.EQ, "in", n.value(), value, n.list().get(i), items.get(i), at);
            if (eq == null) {
                return null;
            }
            equalities.add(eq);
        }
        boolean allConstant = items.stream().allMatch(Kernel::isConstant);
        Kernel result = allConstant && !value.isConstant() ? InSet.of(value, items, n.negated(), at) : null;
        if (result != null) {
            return result;
        }
        Kernel any = equalities.get(0);
        for (int i = 1; i < equalities.size(); i++) {
            any = fold(new Logic(false, any, equalities.get(i), at), any, equalities.get(i));
        }
        return n.negated() ? fold(new Logic.Not(any, at), any) : any;
    }

    private Kernel like(Ast.Like n) {
        Kernel value = bind(n.value());
        Kernel pattern = bind(n.pattern());
        if (value == null || pattern == null) {
            return null;
        }
        value = nullAs(value, Type.STRING);
        pattern = nullAs(pattern, Type.STRING);
        String op = n.ignoreCase() ? "ilike" : "like";
        if (value.type != Type.STRING || pattern.type != Type.STRING) {
            return error(n, "'" + op + "' needs text on both sides, got " + describe(n.value(), value) + " and "
                    + describe(n.pattern(), pattern) + " (cast(x as string) makes text)");
        }
        return fold(new Like(value, pattern, n.negated(), n.ignoreCase(), n.span().at()), value, pattern);
    }

    private Kernel between(Ast.Between n) {
        Kernel value = bind(n.value());
        Kernel low = bind(n.low());
        Kernel high = bind(n.high());
        if (value == null || low == null || high == null) {
            return null;
        }
        int at = n.span().at();
        Kernel above = compare(Comparison.Op.GE, "between", n.value(), value, n.low(), low, at);
        Kernel below = compare(Comparison.Op.LE, "between", n.value(), value, n.high(), high, at);
        if (above == null || below == null) {
            return null;
        }
        Kernel both = fold(new Logic(true, above, below, at), above, below);
        return n.negated() ? fold(new Logic.Not(both, at), both) : both;
    }

    private Kernel caseOf(Ast.Case n) {
        Kernel subject = n.subject() == null ? null : bind(n.subject());
        boolean failed = n.subject() != null && subject == null;
        List<Kernel> conditions = new ArrayList<>();
        for (Ast when : n.whens()) {
            Kernel condition = bind(when);
            if (condition == null) {
                failed = true;
            } else if (subject != null) {
                condition = compare(Comparison.Op.EQ, "when", n.subject(), subject, when, condition,
                        when.span().at());
                failed |= condition == null;
            } else {
                condition = nullAs(condition, Type.BOOL);
                if (condition.type != Type.BOOL) {
                    error(when, "'when' needs a condition (true or false), got " + describe(when, condition));
                    failed = true;
                }
            }
            conditions.add(condition);
        }
        List<Ast> resultNodes = new ArrayList<>(n.thens());
        if (n.otherwise() != null) {
            resultNodes.add(n.otherwise());
        }
        List<Kernel> results = new ArrayList<>();
        for (Ast result : resultNodes) {
            Kernel k = bind(result);
            failed |= k == null;
            results.add(k);
        }
        if (failed) {
            return null;
        }
        Type type = commonType(resultNodes, results, "the results of 'case'");
        if (type == null) {
            return null;
        }
        if (type == Type.NULL) {
            return Const.ofNull(Type.NULL, n.span().at());
        }
        results.replaceAll(k -> coerce(k, type));
        List<Kernel> inputs = new ArrayList<>(conditions);
        inputs.addAll(results);
        return fold(new Choice.Case(type, conditions, results, n.otherwise() != null, n.span().at()),
                inputs.toArray(new Kernel[0]));
    }

    /**
     * The one type values of several types can all take (int64 and float64 make float64, a date
     * and a timestamp make a timestamp, null fits all), or null after reporting the first value
     * that fits none.
     */
    private Type commonType(List<Ast> nodes, List<Kernel> kernels, String what) {
        Type common = Type.NULL;
        Ast first = null;
        for (int i = 0; i < kernels.size(); i++) {
            Type t = kernels.get(i).type;
            Type next = widen(common, t);
            if (next == null) {
                error(nodes.get(i), what + " must have one type, but " + describe(nodes.get(i), kernels.get(i))
                        + " differs from " + describe(first, common));
                return null;
            }
            if (t != Type.NULL && first == null) {
                first = nodes.get(i);
            }
            common = next;
        }
        return common;
    }

    private static Type widen(Type a, Type b) {
        if (a == b || b == Type.NULL) {
            return a;
        }
        if (a == Type.NULL) {
            return b;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return Type.FLOAT;
        }
        if (a.isTemporal() && b.isTemporal()) {
            return Type.TIMESTAMP;
        }
        return null;
    }

    /** {@code k} as a value of {@code type}, which {@link #widen} allows. */
    private Kernel coerce(Kernel k, Type type) {
        if (k.type == type) {
            return k;
        }
        if (k.type == Type.NULL) {
            return Const.ofNull(type, k.at);
        }
        if (type == Type.FLOAT) {
            return toFloat(k);
        }
        return fold(new Cast(k, type, false, k.at), k);
    }

    /** A {@code null} literal takes the type its context wants. */
    private static Kernel nullAs(Kernel k, Type type) {
        return k.type == Type.NULL && type != Type.NULL ? Const.ofNull(type, k.at) : k;
    }

    private Kernel cast(Ast.Cast n) {
        Kernel value = bind(n.value());
        Type to = Cast.typeNamed(n.typeName());
        if (to == null) {
            return error(n.typeSpan().at(), "unknown type '" + n.typeName() + "'"
                    + Suggestions.didYouMean(n.typeName(), Cast.TYPE_NAMES.keySet())
                    + " (types: int, bigint, float, double, string, bool, date, timestamp)");
        }
        if (value == null) {
            return null;
        }
        if (!Cast.allowed(value.type, to)) {
            return error(n, "cannot cast " + value.type.displayName() + " to " + to.displayName());
        }
        if (value.type == to) {
            return value;
        }
        if (value.type == Type.NULL) {
            return Const.ofNull(to, n.span().at());
        }
        return fold(new Cast(value, to, n.orNull(), n.span().at()), value);
    }

    // ---------------------------------------------------------------- functions

    private Kernel call(Ast.Call n) {
        Functions.Signature signature = Functions.SIGNATURES.get(n.function());
        if (signature == null) {
            return error(n, "unknown function '" + n.function() + "'"
                    + Suggestions.didYouMean(n.function(), Functions.SIGNATURES.keySet()));
        }
        List<Kernel> arguments = new ArrayList<>();
        boolean failed = false;
        for (Ast argument : n.arguments()) {
            Kernel k = bind(argument);
            failed |= k == null;
            arguments.add(k);
        }
        int count = n.arguments().size();
        if (count < signature.min() || count > signature.max()) {
            return error(n, n.function() + signature.usage() + " takes " + signature.arity() + ", got " + count);
        }
        if (failed) {
            return null;
        }
        return Functions.bind(this, n, arguments);
    }

    /** Checks argument {@code index} has one of {@code types} (a null literal takes the first); null after reporting. */
    Kernel argument(Ast.Call n, List<Kernel> arguments, int index, String needs, Type... types) {
        Kernel k = nullAs(arguments.get(index), types[0]);
        for (Type t : types) {
            if (k.type == t) {
                return k;
            }
        }
        Ast node = n.arguments().get(index);
        return error(node, n.function() + " needs " + needs + " as argument " + (index + 1) + ", got "
                + describe(node, k));
    }

    Kernel concat(List<Ast> nodes, List<Kernel> parts, boolean strict, int at) {
        Kernel[] texts = new Kernel[parts.size()];
        for (int i = 0; i < texts.length; i++) {
            Kernel part = nullAs(parts.get(i), Type.STRING);
            texts[i] = part.type == Type.STRING ? part : fold(new Cast(part, Type.STRING, false, part.at), part);
        }
        return fold(new TextFunction(strict ? TextFunction.Op.CONCAT_STRICT : TextFunction.Op.CONCAT, texts, at),
                texts);
    }

    Kernel coalesce(Ast.Call n, List<Kernel> arguments) {
        Type type = commonType(n.arguments(), arguments, "the arguments of coalesce");
        if (type == null) {
            return null;
        }
        if (type == Type.NULL) {
            return Const.ofNull(Type.NULL, n.span().at());
        }
        List<Kernel> values = arguments.stream().map(k -> coerce(k, type)).collect(Collectors.toList());
        return fold(new Choice.Coalesce(type, values, n.span().at()), values.toArray(new Kernel[0]));
    }

    Kernel nullIf(Ast.Call n, List<Kernel> arguments) {
        Kernel value = arguments.get(0);
        Kernel equal = compare(Comparison.Op.EQ, "nullif", n.arguments().get(0), value, n.arguments().get(1),
                arguments.get(1), n.span().at());
        if (equal == null) {
            return null;
        }
        if (value.type == Type.NULL) {
            return value;
        }
        return fold(new Choice.NullIf(value, equal, n.span().at()), value, equal);
    }

    // ---------------------------------------------------------------- folding

    /**
     * {@code kernel}, or the constant it computes when all its inputs are constants. A constant
     * that cannot be computed ({@code cast('x' as int)}) is reported here, before any data.
     */
    Kernel fold(Kernel kernel, Kernel... inputs) {
        for (Kernel input : inputs) {
            if (!input.isConstant()) {
                return kernel;
            }
        }
        try {
            Vec value = kernel.eval(new Frame(new FieldVector[0], 1, foldEpoch--));
            return Const.of(value, 0, kernel.at);
        } catch (EvalException e) {
            return error(e.at(), e.getMessage());
        }
    }

    /** {@code status (utf8)}, {@code 'a' (utf8)}, {@code 1 (int64)}: what an operand is, for messages. */
    String describe(Ast node, Kernel k) {
        return (node == null ? "" : snippet(node) + " ") + "(" + k.type.displayName() + ")";
    }

    private String describe(Ast node, Type type) {
        return (node == null ? "" : snippet(node) + " ") + "(" + type.displayName() + ")";
    }
}
