package io.conveyor.plugin.fields.internal.validate;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class ValidateSchemaTest {

    private static final String USERS = "id:int64, email:utf8, score:float64, signup:utf8";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "validate");
    private final ValidateSchema validate = new ValidateSchema();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    /** A table whose keys keep the given order, as a TOML table's do. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }

    private static TestConfig config(Map<String, ?> values) {
        return TestConfig.of(ValidateSchema.DESCRIPTOR, values);
    }

    private static final Map<String, Object> ALL_RULES = Map.of(
            "required_fields", List.of("id", "email"),
            "field_types", Map.of("id", "int"),
            "non_nullable", List.of("id", "email"),
            "date_fields", List.of("signup"),
            "unique_fields", List.of("id", "email"));

    private StageException failure(Map<String, ?> rules, VectorSchemaRoot... batches) {
        StageException e = assertThrows(StageException.class,
                () -> Runs.transform(validate, config(rules), context, batches));
        assertEquals(ErrorCode.DATA, e.code());
        return e;
    }

    @Test
    void validBatchesPassThroughUnchanged() throws StageException {
        try (VectorSchemaRoot a = Batches.of(root, USERS, row(1, "a@x", 1.5, "2024-01-15"),
                row(2, "b@x", null, "2024-02-29T10:30:00Z"));
                VectorSchemaRoot b = Batches.of(root, USERS, row(3, "c@x", null, null),
                        row(4, "d@x", 2.0, "2024-03-01 08:00"));
                CollectingEmitter out = Runs.transform(validate, config(ALL_RULES), context, a, b)) {
            assertSame(a, out.batches().get(0));
            assertSame(b, out.batches().get(1));
        }
    }

    @Test
    void everyViolationOfABatchIsReportedAtOnceNamingItsColumn() {
        try (VectorSchemaRoot batch = Batches.of(root, "id:utf8, email:utf8, signup:utf8",
                row("1", null, "2024-01-15"), row("2", "b@x", "15/01/2024"), row("1", null, "2024-02-30"),
                row(null, "b@x", null))) {
            StageException e = failure(Map.of(
                    "required_fields", List.of("id", "email", "name"),
                    "field_types", ordered("id", "integer", "score", "float"),
                    "non_nullable", List.of("id", "email"),
                    "date_fields", List.of("signup"),
                    "unique_fields", List.of("id", "email")), batch);
            assertEquals("8 violations in rows 1-4 of input 'in': "
                    + "Required field 'name' not found in data; "
                    + "Field 'id' has type utf8, expected integer; "
                    + "Field 'score' (in field_types) not found in data; "
                    + "Field 'id' contains null values (1 row, first row 4); "
                    + "Field 'email' contains null values (2 rows, first row 1); "
                    + "Field 'signup' has values that are not dates (2 rows, first \"15/01/2024\" at row 2); "
                    + "Field 'id' has duplicate values (1 row, first \"1\" at row 3, seen at row 1); "
                    + "Field 'email' has duplicate values (1 row, first \"b@x\" at row 4, seen at row 2)",
                    e.getMessage());
        }
    }

    @Test
    void uniqueValuesAreRememberedAcrossBatchesAndRowsCountOnAcrossThem() {
        try (VectorSchemaRoot a = Batches.of(root, "id:int64", row(10), row(11), row((Object) null));
                VectorSchemaRoot b = Batches.of(root, "id:int64", row((Object) null), row(12), row(11), row(10))) {
            StageException e = failure(Map.of("unique_fields", List.of("id")), a, b);
            assertEquals("1 violation in rows 4-7 of input 'in': Field 'id' has duplicate values (2 rows, first 11 "
                    + "at row 6, seen at row 2)", e.getMessage());
        }
    }

    @Test
    void floatsCompareByValueAndBooleansAndTextToo() {
        try (VectorSchemaRoot batch = Batches.of(root, "f:float64, b:bool, s:utf8", row(0.0, true, "x"),
                row(-0.0, false, "y"), row(Double.NaN, null, "xy"), row(Double.NaN, true, "x"))) {
            StageException e = failure(Map.of("unique", List.of("f", "b", "s")), batch);
            assertEquals("3 violations in rows 1-4 of input 'in': "
                    + "Field 'f' has duplicate values (2 rows, first -0.0 at row 2, seen at row 1); "
                    + "Field 'b' has duplicate values (1 row, first true at row 4, seen at row 1); "
                    + "Field 's' has duplicate values (1 row, first \"x\" at row 4, seen at row 1)", e.getMessage());
        }
    }

    @Test
    void eachInputIsCheckedOnItsOwn() throws StageException {
        try (VectorSchemaRoot a = Batches.of(root, "id:int64", row(1), row(2));
                VectorSchemaRoot b = Batches.of(root, "id:int64", row(1), row(2))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("left", List.of(a));
            inputs.put("right", List.of(b));
            try (CollectingEmitter out = Runs.transform(validate, config(Map.of("unique_fields", List.of("id"))),
                    context, inputs)) {
                assertEquals(4, out.rowCount());
            }
        }
    }

    @Test
    void aBatchWithoutRowsIsCheckedForItsColumnsAndPassedOn() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64");
                CollectingEmitter out = Runs.transform(validate, config(Map.of("non_nullable", List.of("id"))),
                        context, empty);
                CollectingEmitter none = Runs.transform(validate, config(Map.of("non_nullable", List.of("id"))),
                        context)) {
            assertSame(empty, out.batches().get(0));
            assertEquals(List.of(), none.batches());
            StageException e = failure(Map.of("required_fields", List.of("email")), empty);
            assertEquals("1 violation in input 'in': Required field 'email' not found in data", e.getMessage());
        }
    }

    private VectorSchemaRoot dates() {
        DateDayVector day = new DateDayVector("day", root);
        day.allocateNew(2);
        day.set(0, 19737);
        day.set(1, 19737);
        day.setValueCount(2);
        TimeStampMicroVector at = new TimeStampMicroVector(new Field("at", FieldType.nullable(
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null), root);
        at.allocateNew(2);
        at.set(0, 1_700_000_000_000_000L);
        at.setNull(1);
        at.setValueCount(2);
        VectorSchemaRoot batch = new VectorSchemaRoot(List.of(day, at));
        batch.setRowCount(2);
        return batch;
    }

    @Test
    void dateAndTimestampColumnsAreDatesAndTheirTypesAreChecked() {
        try (VectorSchemaRoot batch = dates()) {
            StageException e = failure(Map.of("date_fields", List.of("day", "at"),
                    "field_types", ordered("day", "DATE", "at", "Timestamp"), "unique_fields", List.of("day", "at")),
                    batch);
            assertEquals("1 violation in rows 1-2 of input 'in': Field 'day' has duplicate values (1 row, first "
                    + "2024-01-15 at row 2, seen at row 1)", e.getMessage());
        }
    }

    @Test
    void aDateFieldOfAnotherTypeIsAViolation() {
        try (VectorSchemaRoot batch = Batches.of(root, "signup:int64", row(20240115))) {
            assertEquals("1 violation in rows 1-1 of input 'in': Field 'signup' has type int64, expected a date, a "
                    + "timestamp or date text", failure(Map.of("date_fields", List.of("signup")), batch).getMessage());
        }
    }

    @Test
    void knownInputSchemasAreCheckedAtValidationTime() {
        Schema users = Batches.schema(USERS);
        TestSchemaContext fine = TestSchemaContext.of("users", users);
        assertEquals(Optional.of(users), validate.outputSchema(config(ALL_RULES), fine));
        assertEquals(List.of(), fine.problems());

        TestSchemaContext wrong = TestSchemaContext.of("users", users);
        assertEquals(Optional.empty(), validate.outputSchema(config(Map.of(
                "required_fields", List.of("name"),
                "field_types", ordered("email", "int", "name", "string"),
                "date_fields", List.of("score"),
                "unique", List.of("uid"))), wrong));
        assertEquals(List.of(
                new ConfigProblem("required_fields", "config key 'required_fields' names 'name', which is not in "
                        + "input 'users' (columns: id, email, score, signup)"),
                new ConfigProblem("field_types", "config key 'field_types' expects 'email' to be int, but it is utf8 "
                        + "in input 'users'"),
                new ConfigProblem("date_fields", "config key 'date_fields' names 'score', which is float64 in input "
                        + "'users'; a date field must be a date, timestamp or utf8 column"),
                new ConfigProblem("unique", "config key 'unique' names 'uid', which is not in input 'users' "
                        + "(columns: id, email, score, signup)")), wrong.problems());

        assertEquals(Optional.empty(), validate.outputSchema(config(ALL_RULES), TestSchemaContext.of("users", null)));
    }

    @Test
    void unknownTypeNamesAndBothUniqueKeysAreConfigProblems() {
        assertEquals(List.of(
                new ConfigProblem("field_types", "config key 'field_types' gives 'age' the type string \"integr\", "
                        + "which is not one of string, str, text, int, integer, int64, i64, float, double, f64, "
                        + "float64, bool, boolean, date, datetime, timestamp"),
                new ConfigProblem("field_types", "config key 'field_types' gives 'id' the type integer 3, which is "
                        + "not one of string, str, text, int, integer, int64, i64, float, double, f64, float64, "
                        + "bool, boolean, date, datetime, timestamp"),
                new ConfigProblem("unique", "config key 'unique' is another name for 'unique_fields': set one of "
                        + "them, not both")),
                validate.validate(config(Map.of("field_types", ordered("age", "integr", "id", 3),
                        "unique", List.of("id"), "unique_fields", List.of("id")))));
    }
}
