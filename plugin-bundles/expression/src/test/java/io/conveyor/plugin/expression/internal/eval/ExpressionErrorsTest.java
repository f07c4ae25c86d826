package io.conveyor.plugin.expression.internal.eval;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.testing.Batches;

/** Every kind of mistake, reported as the sentence a stage gives, at its position in the expression. */
class ExpressionErrorsTest {

    private final RootAllocator root = new RootAllocator();
    private final VectorSchemaRoot batch = Batches.of(root, "id:int64, name:utf8, amount:float64, qty:int64, ok:bool",
            row(1, "Ann", 10.5, 3, true), row(9223372036854775807L, "x1", 2.0, 2, false));

    @AfterEach
    void noLeaks() {
        batch.close();
        root.close();
    }

    private String problem(String expression) {
        return Evaluations.problem(batch, expression, root);
    }

    @Test
    void syntaxTypeAndValueErrorsNameTheirPosition() {
        assertEquals("config key 'expression' at column 1: unknown column 'amout' (did you mean 'amount'?)",
                problem("amout > 1"));
        assertEquals("config key 'expression' at column 1: unknown column 'shipped' (\"double quotes\" name a column; write text in single quotes: 'shipped')",
                problem("\"shipped\" = name"));
        assertEquals("config key 'expression' at column 6: '=' cannot compare name (utf8) with 1 (int64)",
                problem("name = 1"));
        assertEquals("config key 'expression' at column 20: '=' cannot compare qty (int64) with '3' (utf8) (write numbers without quotes)",
                problem("name = '1' and qty = '3'"));
        assertEquals("config key 'expression' at column 4: the expression ends too early",
                problem("a +"));
        assertEquals("config key 'expression' at column 1: the expression is empty",
                problem(""));
        assertEquals("config key 'expression' at column 8: the expression ends too early: the '(' at column 1 is never closed with ')'",
                problem("(id + 1"));
        assertEquals("config key 'expression' at column 6: unexpected ')'",
                problem("id + )"));
        assertEquals("config key 'expression' at column 8: the string that starts here is never closed (write a ' inside a string as '')",
                problem("name = 'abc"));
        assertEquals("config key 'expression' at column 4: unexpected character '$'",
                problem("id $ 2"));
        assertEquals("config key 'expression' at column 4: unexpected character '!' (use 'not', or '!=' to compare)",
                problem("id ! 2"));
        assertEquals("config key 'expression' at column 4: unexpected character '&' (use 'and')",
                problem("id && ok"));
        assertEquals("config key 'expression' at column 8: the quoted name that starts here is never closed",
                problem("name = \"abc"));
        assertEquals("config key 'expression' at column 1: unknown function 'lowr' (did you mean 'lower'?)",
                problem("lowr(name)"));
        assertEquals("config key 'expression' at column 1: lower(s) takes 1 argument, got 2",
                problem("lower(name, 1)"));
        assertEquals("config key 'expression' at column 7: lower needs text (utf8) as argument 1, got id (int64)",
                problem("lower(id)"));
        assertEquals("config key 'expression' at column 14: substr needs an integer as argument 2, got 'a' (utf8)",
                problem("substr(name, 'a')"));
        assertEquals("config key 'expression' at column 4: '+' needs numbers on both sides, got id (int64) and name (utf8) (use || to join text)",
                problem("id + name"));
        assertEquals("config key 'expression' at column 4: 'and' needs conditions (true or false) on both sides, got ok (bool) and id (int64)",
                problem("ok and id"));
        assertEquals("config key 'expression' at column 1: 'not' needs a condition (true or false), got name (utf8)",
                problem("not name"));
        assertEquals("config key 'expression' at column 1: '-' needs a number, got name (utf8)",
                problem("-name"));
        assertEquals("config key 'expression' at column 14: unknown type 'integr' (did you mean 'integer'?) (types: int, bigint, float, double, string, bool, date, timestamp)",
                problem("cast(name as integr)"));
        assertEquals("config key 'expression' at column 1: cannot cast bool to date",
                problem("cast(ok as date)"));
        assertEquals("config key 'expression' at column 11: 'when' needs a condition (true or false), got id (int64)",
                problem("case when id then 1 end"));
        assertEquals("config key 'expression' at column 26: the results of 'case' must have one type, but 'x' (utf8) differs from 1 (int64)",
                problem("case when ok then 1 else 'x' end"));
        assertEquals("config key 'expression' at column 1: cannot cast 'abc' to int64 (try_cast gives null instead)",
                problem("cast('abc' as int)"));
        assertEquals("config key 'expression' at column 4: integer overflow: 9223372036854775807 * 2 is beyond int64 (cast an operand to double to compute in float64)",
                problem("id * 2"));
        assertEquals("config key 'expression' at column 4: integer overflow: 9223372036854775807 + 1 is beyond int64 (cast an operand to double to compute in float64)",
                problem("id + 1"));
        assertEquals("config key 'expression' at column 1: cannot cast 'Ann' to int64 (try_cast gives null instead)",
                problem("cast(name as int)"));
        assertEquals("config key 'expression' at column 1: the integer 99999999999999999999 is beyond int64; write it with a decimal point for a float64",
                problem("99999999999999999999"));
        assertEquals("config key 'expression' at column 6: 'like' needs text on both sides, got name (utf8) and 1 (int64) (cast(x as string) makes text)",
                problem("name like 1"));
        assertEquals("config key 'expression' at column 14: the arguments of coalesce must have one type, but name (utf8) differs from id (int64)",
                problem("coalesce(id, name)"));
        assertEquals("config key 'expression' at column 1: unknown column 'amout' (did you mean 'amount'?)\nconfig key 'expression' at column 15: unknown column 'nme' (did you mean 'name'?)",
                problem("amout + qty + nme"));
        assertEquals("config key 'expression' at column 4: 'in' cannot compare id (int64) with 'a' (utf8) (write numbers without quotes)",
                problem("id in (1, 'a')"));
        assertEquals("config key 'expression' at column 1: cannot cast '2024-13-01' to date: a date is written yyyy-mm-dd (try_cast gives null instead)",
                problem("cast('2024-13-01' as date)"));
        assertEquals("config key 'expression' at column 30: 'xx' is not a date (write 'yyyy-mm-dd')",
                problem("cast('2024-01-01' as date) > 'xx'"));
        assertEquals("config key 'expression' at column 4: 'between' cannot compare id (int64) with 'a' (utf8) (write numbers without quotes)",
                problem("id between 'a' and 2"));
        assertEquals("config key 'expression' at column 3: unexpected number 2",
                problem("1 2"));
        assertEquals("config key 'expression' at column 20: the expression ends too early: the 'case' at column 1 is never closed with 'end'",
                problem("case when ok then 1"));
        assertEquals("config key 'expression' at column 8: unexpected ')'",
                problem("id in ()"));
        assertEquals("config key 'expression' at column 6: sqrt needs a number as argument 1, got ok (bool)",
                problem("sqrt(ok)"));
        assertEquals("config key 'expression' at column 15: round needs an integer as argument 2, got 1.5 (float64)",
                problem("round(amount, 1.5)"));
        assertEquals("config key 'expression' at column 7: unexpected character ';' (an expression is one expression, without ';')",
                problem("id = 1;"));
        assertEquals("config key 'expression' at column 8: unexpected name id",
                problem("select id"));
        assertEquals("config key 'expression' at line 2, column 4: unknown column 'nme' (did you mean 'name'?)",
                problem("id\n + nme"));
        assertEquals("config key 'expression' at column 1: integer overflow: abs(-9223372036854775808) is beyond int64",
                problem("abs(-9223372036854775807 - 1)"));
        assertEquals("config key 'expression' at column 5: '+' needs numbers on both sides, got 'x' (utf8) and 1 (int64) (use || to join text)",
                problem("'x' + 1"));
    }
}
