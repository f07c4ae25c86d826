package io.conveyor.plugin.expression.internal.eval;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.testing.Batches;

/** Every operator and function, on values and on nulls, with the exact results and types. */
class ExpressionTest {

    private static final String SCHEMA = "id:int64, name:utf8, price:float64, qty:int64, ok:bool";

    private final RootAllocator root = new RootAllocator();
    private final VectorSchemaRoot rows = Batches.of(root, SCHEMA,
            row(1, "Ann", 10.5, 3, true),
            row(2, "bob ", 2.0, null, false),
            row(3, null, null, -4, null));

    @AfterEach
    void noLeaks() {
        rows.close();
        root.close();
    }

    private String eval(String expression) throws Exception {
        return Evaluations.evaluate(rows, expression, root);
    }

    @Test
    void arithmeticKeepsIntegersIntegersAndDividesInFloats() throws Exception {
        assertEquals("int64: 4, null, -1", eval("id + qty"));
        assertEquals("int64: -2, null, 7", eval("id - qty"));
        assertEquals("int64: 3, null, -12", eval("id * qty"));
        assertEquals("float64: 0.3333333333333333, null, -0.75", eval("id / qty"));
        assertEquals("int64: 0, null, -1", eval("qty % 3"));
        assertEquals("float64: 13.5, 6.0, null", eval("price + id * 1 + 2"));
        assertEquals("float64: 31.5, null, null", eval("price * qty"));
        assertEquals("float64: 0.5, 0.0, null", eval("price % 2"));
        assertEquals("int64: -1, -2, -3", eval("-id"));
        assertEquals("int64: 1, 2, 3", eval("+id"));
        assertEquals("float64: 5.25, 1.0, null", eval("price / 2"));
    }

    @Test
    void precedenceIsSqlsAndParenthesesOverrideIt() throws Exception {
        assertEquals("int64: 7", firstRow("1 + 2 * 3"));
        assertEquals("int64: 9", firstRow("(1 + 2) * 3"));
        assertEquals("int64: -5", firstRow("-2 * 3 + 1"));
        assertEquals("int64: 3", firstRow("10 - 4 - 3"));
        assertEquals("float64: 1.0", firstRow("8 / 4 / 2"));
        assertEquals("int64: 2", firstRow("7 % 5 * 1"));
        assertEquals("bool: true", firstRow("1 + 1 = 2 and not 2 < 1 or false"));
        assertEquals("bool: true", firstRow("true or false and false"));
        assertEquals("bool: false", firstRow("(true or false) and false"));
        assertEquals("utf8: '12'", firstRow("1 || 1 + 1"));
    }

    private String firstRow(String expression) throws Exception {
        String all = eval(expression);
        return all.substring(0, all.indexOf(','));
    }

    @Test
    void divisionAndRemainderByZeroAreNull() throws Exception {
        assertEquals("float64: null, null, null", eval("id / 0"));
        assertEquals("int64: null, null, null", eval("id % 0"));
        assertEquals("float64: null, null, null", eval("price / 0.0"));
        assertEquals("float64: null, null, null", eval("price % 0"));
        assertEquals("float64: 1.0, 2.0, 3.0", eval("id / 1"));
    }

    @Test
    void comparisonsGiveNullForNullOperands() throws Exception {
        assertEquals("bool: false, false, true", eval("id = 3"));
        assertEquals("bool: false, false, true", eval("id == 3"));
        assertEquals("bool: true, true, false", eval("id != 3"));
        assertEquals("bool: true, true, false", eval("id <> 3"));
        assertEquals("bool: true, true, false", eval("id < 3"));
        assertEquals("bool: true, true, true", eval("id <= 3"));
        assertEquals("bool: true, false, null", eval("price > 2"));
        assertEquals("bool: true, true, null", eval("price >= 2"));
        assertEquals("bool: true, null, false", eval("qty > id"));
        assertEquals("bool: true, false, null", eval("2 < price"));
        assertEquals("bool: null, null, null", eval("id = null"));
    }

    @Test
    void integersCompareWithFloatsExactly() throws Exception {
        assertEquals("bool: false, false, false", eval("9007199254740993 = 9007199254740992.0 + id * 0"));
        assertEquals("bool: true, true, true", eval("9007199254740993 > 9007199254740992.0"));
        assertEquals("bool: true, null, null", eval("qty < price"));
        assertEquals("bool: true, false, false", eval("id < 1.5"));
    }

    @Test
    void textComparesByCodePointAndBoolsFalseFirst() throws Exception {
        assertEquals("bool: true, false, null", eval("name = 'Ann'"));
        assertEquals("bool: true, false, null", eval("name < 'B'"));
        assertEquals("bool: false, true, null", eval("name > 'Ann'"));
        assertEquals("bool: true, true, null", eval("name >= 'A'"));
        assertEquals("bool: true, true, null", eval("'é' > name"));
        assertEquals("bool: true, false, null", eval("ok > false"));
        assertEquals("bool: false, true, null", eval("ok = (name = 'x')"));
        assertEquals("bool: true, false, null", eval("name = name and ok"));
    }

    @Test
    void andOrNotFollowThreeValuedLogic() throws Exception {
        assertEquals("bool: true, false, null", eval("ok and true"));
        assertEquals("bool: false, false, false", eval("ok and false"));
        assertEquals("bool: null, false, null", eval("ok and null"));
        assertEquals("bool: true, true, true", eval("ok or true"));
        assertEquals("bool: true, false, null", eval("ok or false"));
        assertEquals("bool: true, null, null", eval("ok or null"));
        assertEquals("bool: false, true, null", eval("not ok"));
        assertEquals("bool: null, null, null", eval("not null"));
        assertEquals("bool: true, false, null", eval("ok and price > 1"));
    }

    @Test
    void inMatchesListsWithSqlNullRules() throws Exception {
        assertEquals("bool: true, false, true", eval("id in (1, 3, 5)"));
        assertEquals("bool: false, true, false", eval("id not in (1, 3, 5)"));
        assertEquals("bool: true, null, null", eval("id in (1, null)"));
        assertEquals("bool: false, null, null", eval("id not in (1, null)"));
        assertEquals("bool: true, false, null", eval("name in ('Ann', 'Zed')"));
        assertEquals("bool: true, false, null", eval("name in ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'Ann')"));
        assertEquals("bool: false, true, null", eval("price in (2, 3.5)"));
        assertEquals("bool: true, false, false", eval("id in (1.0, 2.5)"));
        assertEquals("bool: false, true, null", eval("ok in (false)"));
        assertEquals("bool: true, true, false", eval("id in (qty - 2, 2)"));
        assertEquals("bool: true, true, true", eval("2 in (1, 2)"));
    }

    @Test
    void isNullIsNeverNull() throws Exception {
        assertEquals("bool: false, true, false", eval("qty is null"));
        assertEquals("bool: true, false, true", eval("qty is not null"));
        assertEquals("bool: false, false, true", eval("name || 'x' is null"));
        assertEquals("bool: true, true, true", eval("null is null"));
    }

    @Test
    void likeMatchesPercentAndUnderscoreByCharacter() throws Exception {
        assertEquals("bool: true, false, null", eval("name like 'A%'"));
        assertEquals("bool: false, true, null", eval("name like '%b '"));
        assertEquals("bool: true, true, null", eval("name like '%n%' or name like '%o%'"));
        assertEquals("bool: true, false, null", eval("name like 'A_n'"));
        assertEquals("bool: false, true, null", eval("name not like 'A%'"));
        assertEquals("bool: true, true, null", eval("name like '%'"));
        assertEquals("bool: true, false, null", eval("name like 'Ann'"));
        assertEquals("bool: false, true, null", eval("name like '_o%_'"));
        assertEquals("bool: true, true, true", eval("'50%' like '50\\%'"));
        assertEquals("bool: true, true, true", eval("'héllo' like 'h_llo'"));
        assertEquals("bool: true, true, true", eval("'aXbXc' like 'a%b%c'"));
        assertEquals("bool: false, false, false", eval("'abc' like 'a%b%d'"));
        assertEquals("bool: true, true, null", eval("name ilike '%N%' or name ilike 'BOB%'"));
        assertEquals("bool: true, true, true", eval("'ÉTÉ' ilike 'été'"));
        assertEquals("bool: true, false, null", eval("name like name || ''"
                + " and name like substr(name, 1, 1) || '%' and name like 'A' || '%'"));
    }

    @Test
    void betweenIncludesBothBounds() throws Exception {
        assertEquals("bool: true, true, false", eval("id between 1 and 2"));
        assertEquals("bool: false, false, true", eval("id not between 1 and 2"));
        assertEquals("bool: true, false, null", eval("price between 2.5 and 11 and id < 5"));
        assertEquals("bool: true, null, false", eval("qty between id and 10"));
    }

    @Test
    void caseTakesTheFirstTrueBranch() throws Exception {
        assertEquals("utf8: 'big', 'small', 'unknown'",
                eval("case when price >= 10 then 'big' when price < 10 then 'small' else 'unknown' end"));
        assertEquals("utf8: 'big', null, null", eval("case when price >= 10 then 'big' end"));
        assertEquals("float64: 10.5, 2.0, 0.0", eval("case when price is null then 0 else price end"));
        assertEquals("utf8: 'one', 'two', 'other'", eval("case id when 1 then 'one' when 2 then 'two' else 'other' end"));
        assertEquals("int64: 1, 0, null", eval("case when ok then 1 when not ok then 0 end"));
        assertEquals("null: null, null, null", eval("case when ok then null end"));
    }

    @Test
    void castsConvertAsSqlDoes() throws Exception {
        assertEquals("int64: 11, 2, null", eval("cast(price as int)"));
        assertEquals("int64: 3, -3, 2", firstRows("cast(2.5 as bigint)", "cast(-2.5 as int)", "cast('  2 ' as int)"));
        assertEquals("float64: 1.0, 2.0, 3.0", eval("cast(id as double)"));
        assertEquals("utf8: '10.5', '2.0', null", eval("cast(price as string)"));
        assertEquals("utf8: 'true', 'false', null", eval("cast(ok as string)"));
        assertEquals("bool: true, true, true", eval("cast(id as bool)"));
        assertEquals("int64: 1, 0, null", eval("cast(ok as int)"));
        assertEquals("bool: true, false, true", firstRows("cast('yes' as bool)", "cast('F' as boolean)",
                "cast(' on ' as bool)"));
        assertEquals("float64: 1.5, -0.001, 1.0E10", firstRows("cast('1.5' as float)", "cast('-1e-3' as float)",
                "cast('1e10' as float)"));
        assertEquals("date: 2024-02-29", firstRow("cast('2024-02-29' as date)"));
        assertEquals("timestamp: 2024-03-01 10:30", firstRow("cast('2024-03-01 10:30' as timestamp)"));
        assertEquals("timestamp: 2024-03-01 08:30:15.250", firstRow("cast('2024-03-01T10:30:15.25+02:00' as timestamp)"));
        assertEquals("date: 2024-03-01", firstRow("cast(cast('2024-03-01 23:59:59' as timestamp) as date)"));
        assertEquals("timestamp: 2024-03-01 00:00", firstRow("cast(cast('2024-03-01' as date) as timestamp)"));
        assertEquals("utf8: '2024-03-01 10:30:00.5'", firstRow("cast(cast('2024-03-01 10:30:00.500' as timestamp) as string)"));
        assertEquals("utf8: '1999-12-31'", firstRow("cast(cast('1999-12-31' as date) as varchar)"));
        assertEquals("int64: 2, 3, 4", eval("id::int + 1"));
        assertEquals("int64: null, null, null", eval("try_cast(name as int)"));
        assertEquals("int64: 42", firstRow("try_cast('42' as int)"));
    }

    private String firstRows(String... expressions) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String e : expressions) {
            String one = firstRow(e);
            sb.append(sb.length() == 0 ? one : ", " + one.substring(one.indexOf(": ") + 2));
        }
        return sb.toString();
    }

    @Test
    void textFunctionsCountCharactersAndPassNulls() throws Exception {
        assertEquals("utf8: 'ann', 'bob ', null", eval("lower(name)"));
        assertEquals("utf8: 'ANN', 'BOB ', null", eval("upper(name)"));
        assertEquals("utf8: 'ÉTÉ ΣΊΣΥΦΟΣ'", firstRow("upper('été σίσυφος')"));
        assertEquals("int64: 3, 4, null", eval("length(name)"));
        assertEquals("int64: 4", firstRow("length('été!')"));
        assertEquals("utf8: 'Ann', 'bob', null", eval("trim(name)"));
        assertEquals("utf8: 'a ', ' a', 'a'", firstRows("ltrim('  a ')", "rtrim(' a  ')", "trim('\ta\n')"));
        assertEquals("utf8: 'nn', 'ob ', null", eval("substr(name, 2)"));
        assertEquals("utf8: 'An', 'bo', null", eval("substring(name, 1, 2)"));
        assertEquals("utf8: 'h', '', 'été', 'é'", firstRows("substr('hello', 0, 2)", "substr('hello', 2, -1)",
                "substr('l''été', 3)", "substr('été', 3, 5)"));
        assertEquals("utf8: 'Ann-1', 'bob -2', '-3'", eval("concat(name, '-', id)"));
        assertEquals("utf8: 'Ann-1', 'bob -2', null", eval("name || '-' || id"));
        assertEquals("utf8: 'A-n-n', 'bob ', null", eval("replace(replace(name, 'n', '-n'), '-n-n', '-n-n')"));
        assertEquals("utf8: 'xbxb', 'abab'", firstRows("replace('abab', 'a', 'x')", "replace('abab', '', 'x')"));
        assertEquals("bool: true, false, null", eval("starts_with(name, 'A')"));
        assertEquals("bool: false, true, null", eval("ends_with(name, ' ')"));
        assertEquals("bool: true, false, null", eval("contains(name, 'nn')"));
        assertEquals("bool: null, null, null", eval("contains(name, null)"));
        assertEquals("utf8: '1.5true2024-01-02'", firstRow("concat(1.5, true, null, cast('2024-01-02' as date))"));
    }

    @Test
    void mathFunctionsKeepIntegersWhereTheyCan() throws Exception {
        assertEquals("int64: 3, null, 4", eval("abs(qty)"));
        assertEquals("float64: 10.5, 2.0, null", eval("abs(-price)"));
        assertEquals("float64: 11.0, 2.0, null", eval("round(price)"));
        assertEquals("float64: -3.0, 3.0, -2.0, 2.68, 1.01, 1200.0", firstRows("round(-2.5)", "round(2.5)",
                "round(-1.5 - 0.4)", "round(2.675, 2)", "round(1.005, 2)", "round(1234.5, -2)"));
        assertEquals("int64: 1300, -1300, 1234", firstRows("round(1250, -2)", "round(-1250, -2)", "round(1234, 1)"));
        assertEquals("float64: 10.0, 2.0, null", eval("floor(price)"));
        assertEquals("float64: 11.0, 2.0, null", eval("ceil(price)"));
        assertEquals("int64: 3, null, -4", eval("ceiling(qty)"));
        assertEquals("float64: 3.0, null, null", eval("sqrt(qty * 3)"));
        assertEquals("float64: 8.0, 0.5", firstRows("pow(2, 3)", "power(4, -0.5)"));
        assertEquals("float64: 0.0, null, null", firstRows("ln(1)", "ln(0)", "ln(-1)"));
        assertEquals("float64: 1.0, 2.718281828459045", firstRows("exp(0)", "exp(1)"));
    }

    @Test
    void coalesceAndNullifPickValues() throws Exception {
        assertEquals("int64: 3, 0, -4", eval("coalesce(qty, 0)"));
        assertEquals("float64: 3.0, 2.0, -4.0", eval("coalesce(qty, price)"));
        assertEquals("utf8: 'Ann', 'bob ', 'none'", eval("coalesce(name, null, 'none')"));
        assertEquals("int64: null, 2, 3", eval("nullif(id, 1)"));
        assertEquals("utf8: 'Ann', 'bob ', null", eval("nullif(name, 'x')"));
    }

    @Test
    void literalsAndNamesAsWritten() throws Exception {
        assertEquals("utf8: 'it''s'", firstRow("'it''s'"));
        assertEquals("float64: 0.5, 1500.0, 0.25", firstRows(".5", "1.5e3", "25E-2"));
        assertEquals("int64: -9223372036854775808", firstRow("-9223372036854775808"));
        assertEquals("int64: 1, 2, 3", eval("\"id\""));
        assertEquals("int64: 1, 2, 3", eval("`id`"));
        assertEquals("int64: 1, 2, 3", eval("ID"));
        assertEquals("bool: true, true, true", eval("TRUE AND NOT False Or NULL"));
        assertEquals("int64: 2, 3, 4", eval("CASE WHEN Id > 0 THEN ID + 1 END"));
    }

    @Test
    void namesWithAnyCharactersAreQuoted() throws Exception {
        try (VectorSchemaRoot odd = Batches.of(root, "unit price:float64, ship-to:utf8, a\"b:int64, ID:int64, id:int64",
                row(2.5, "x", 7, 1, 2))) {
            assertEquals("float64: 5.0", Evaluations.evaluate(odd, "\"unit price\" * 2", root));
            assertEquals("utf8: 'x'", Evaluations.evaluate(odd, "`ship-to`", root));
            assertEquals("int64: 7", Evaluations.evaluate(odd, "\"a\"\"b\"", root));
            assertEquals("int64: 1", Evaluations.evaluate(odd, "ID", root));
            assertEquals("int64: 2", Evaluations.evaluate(odd, "id", root));
        }
    }

    @Test
    void filteringSelectsOnlyTrueRows() throws Exception {
        assertEquals(List.of(0), Evaluations.selected(rows, "ok"));
        assertEquals(List.of(1), Evaluations.selected(rows, "not ok"));
        assertEquals(List.of(0, 1, 2), Evaluations.selected(rows, "true"));
        assertEquals(List.of(), Evaluations.selected(rows, "null"));
        assertEquals(List.of(0, 2), Evaluations.selected(rows, "qty is not null and id in (1, 3)"));
    }

    @Test
    void aBatchWithoutRowsGivesNoValues() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, SCHEMA)) {
            assertEquals("utf8: ", Evaluations.evaluate(empty, "upper(name) || id", root));
            assertEquals("float64: ", Evaluations.evaluate(empty, "price * qty + 1", root));
            assertEquals("bool: ", Evaluations.evaluate(empty, "name in ('a') and ok", root));
            assertEquals(List.of(), Evaluations.selected(empty, "id > 0"));
        }
    }

    @Test
    void theSameCompiledExpressionServesBatchesOfAnySize() throws Exception {
        String expression = "name || ':' || cast(qty * 2 as string)";
        CompiledExpression compiled = Compiler.compile(expression,
                io.conveyor.plugin.expression.internal.lang.Parsing.parse(expression), rows.getSchema());
        try (VectorSchemaRoot big = Batches.of(root, SCHEMA, row(9, "z", 1.0, 5, true), row(9, "y", 1.0, 6, true),
                row(9, "x", 1.0, 7, true), row(9, "w", 1.0, 8, true));
                var first = compiled.evaluate(big, "r", root);
                var second = compiled.evaluate(rows, "r", root)) {
            assertEquals("'z:10', 'y:12', 'x:14', 'w:16'", render(first));
            assertEquals("'Ann:6', null, null", render(second));
        }
    }

    private static String render(org.apache.arrow.vector.FieldVector v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.getValueCount(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Evaluations.render(v, i));
        }
        return sb.toString();
    }
}
