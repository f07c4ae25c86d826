package io.conveyor.plugin.crypto.internal;

import static io.conveyor.plugin.crypto.internal.Vectors.ALICE;
import static io.conveyor.plugin.crypto.internal.Vectors.GREETING;
import static io.conveyor.plugin.crypto.internal.Vectors.KEY_16;
import static io.conveyor.plugin.crypto.internal.Vectors.KEY_32;
import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class DecryptApplyTest {

    /** AES_256_ALICE with one base64 character of the ciphertext changed. */
    private static final String TAMPERED = Vectors.AES_256_ALICE.replace("TInS", "TInT");

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "decrypt");
    private final DecryptApply decrypt = new DecryptApply();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter run(Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        Map<String, Object> config = new HashMap<>(Map.of("column", "secret", "key", KEY_32));
        config.putAll(values);
        return Runs.transform(decrypt, TestConfig.of(DecryptApply.DESCRIPTOR, config), context, batches);
    }

    private VectorSchemaRoot secrets(String... values) {
        Object[][] rows = new Object[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = row(values[i]);
        }
        return Batches.of(root, "secret:utf8", rows);
    }

    @Test
    void valuesSealedOutsideTheJdkOpenWithEachAlgorithm() throws StageException {
        try (VectorSchemaRoot aes256 = secrets(Vectors.AES_256_ALICE, null, Vectors.AES_256_GREETING,
                Vectors.AES_256_EMPTY);
                VectorSchemaRoot aes128 = secrets(Vectors.AES_128_ALICE, Vectors.AES_128_GREETING);
                VectorSchemaRoot chacha = secrets(Vectors.CHACHA_ALICE, Vectors.CHACHA_GREETING);
                CollectingEmitter a = run(Map.of(), aes256);
                CollectingEmitter b = run(Map.of("key", KEY_16, "algorithm", "AES-128-GCM"), aes128);
                CollectingEmitter c = run(Map.of("algorithm", "chacha20poly1305"), chacha)) {
            assertEquals("secret:utf8, secret_decrypted:utf8", BatchText.schema(a.batches().get(0)));
            assertEquals(List.of("\"" + Vectors.AES_256_ALICE + "\"|\"" + ALICE + "\"", "null|null",
                    "\"" + Vectors.AES_256_GREETING + "\"|\"" + GREETING + "\"",
                    "\"" + Vectors.AES_256_EMPTY + "\"|\"\""), a.rows());
            assertEquals(List.of("\"" + ALICE + "\"", "\"" + GREETING + "\""),
                    b.rows().stream().map(r -> r.substring(r.indexOf('|') + 1)).toList());
            assertEquals(List.of("\"" + ALICE + "\"", "\"" + GREETING + "\""),
                    c.rows().stream().map(r -> r.substring(r.indexOf('|') + 1)).toList());
        }
    }

    @Test
    void valuesThatDoNotDecryptBecomeNullByDefault() throws StageException {
        try (VectorSchemaRoot in = secrets("not base64!", Vectors.AES_256_GREETING.replace("=", ""), "AAECAw==",
                TAMPERED, Vectors.AES_256_ALICE_OTHER_KEY, Vectors.AES_256_NOT_UTF8, Vectors.CHACHA_ALICE,
                Vectors.AES_256_ALICE);
                CollectingEmitter out = run(Map.of("output_column", "plain"), in)) {
            assertEquals(List.of("null", "null", "null", "null", "null", "null", "null", "\"" + ALICE + "\""),
                    out.rows().stream().map(r -> r.substring(r.indexOf('|') + 1)).toList());
        }
    }

    private String failure(String value) {
        try (VectorSchemaRoot first = secrets(Vectors.AES_256_ALICE, null);
                VectorSchemaRoot second = secrets(Vectors.AES_256_GREETING, value)) {
            StageException e = assertThrows(StageException.class,
                    () -> run(Map.of("fail_on_error", true), first, second));
            assertEquals(ErrorCode.DATA, e.code());
            return e.getMessage();
        }
    }

    @Test
    void failOnErrorFailsAtTheFirstBadValueNamingItsRowAcrossBatches() {
        assertEquals("Row 4: the value of column 'secret' is not valid base64 (fail_on_error = true)",
                failure("not base64!"));
        assertEquals("Row 4: the value of column 'secret' is not valid base64 (fail_on_error = true)",
                failure("AAECAwQFBgcICQoLUZJP08yieN3vntriEyAWqg"));
        assertEquals("Row 4: the value of column 'secret' holds 4 bytes, fewer than the 12-byte nonce "
                + "(fail_on_error = true)", failure("AAECAw=="));
        assertEquals("Row 4: the value of column 'secret' does not decrypt: wrong key or algorithm, or altered data "
                + "(fail_on_error = true)", failure(TAMPERED));
        assertEquals("Row 4: the value of column 'secret' does not decrypt: wrong key or algorithm, or altered data "
                + "(fail_on_error = true)", failure(Vectors.AES_256_ALICE_OTHER_KEY));
        assertEquals("Row 4: the value of column 'secret' decrypts to bytes that are not UTF-8 text "
                + "(fail_on_error = true)", failure(Vectors.AES_256_NOT_UTF8));
    }

    @Test
    void aBatchWithoutRowsGivesOneWithTheOutputColumnAndNoInputGivesNothing() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, secret:utf8");
                CollectingEmitter out = run(Map.of(), empty);
                CollectingEmitter none = run(Map.of())) {
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("id:int64, secret:utf8, secret_decrypted:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(), none.batches());
        }
    }

    @Test
    void aColumnThatIsNotTextIsADataErrorAndAValidationProblem() {
        try (VectorSchemaRoot in = Batches.of(root, "secret:float64", row(1.5))) {
            StageException e = assertThrows(StageException.class, () -> run(Map.of(), in));
            assertEquals("column 'secret' is float64 in input 'in', but decrypt.apply needs a utf8 column",
                    e.getMessage());
        }
        TestSchemaContext schemas = TestSchemaContext.of("sealed", Batches.schema("secret:float64"));
        decrypt.outputSchema(TestConfig.of(DecryptApply.DESCRIPTOR, Map.of("column", "secret", "key", KEY_32)),
                schemas);
        assertEquals(List.of("config key 'column' names 'secret', which is float64 in input 'sealed', but "
                + "decrypt.apply needs a utf8 column"), schemas.messages());
    }

    @Test
    void theOutputSchemaAddsTheDecryptedColumn() {
        TestSchemaContext schemas = TestSchemaContext.of("sealed", Batches.schema("id:int64, secret:utf8"));
        assertEquals(Optional.of(Batches.schema("id:int64, secret:utf8, secret_decrypted:utf8")),
                decrypt.outputSchema(TestConfig.of(DecryptApply.DESCRIPTOR, Map.of("column", "secret",
                        "key", KEY_32)), schemas));
        assertEquals(Optional.of(Batches.schema("id:int64, secret:utf8")),
                decrypt.outputSchema(TestConfig.of(DecryptApply.DESCRIPTOR, Map.of("column", "secret",
                        "key", KEY_32, "output_column", "secret")), schemas));
    }

    @Test
    void aKeyOfTheWrongLengthIsAConfigProblem() {
        assertEquals(List.of(new ConfigProblem("key", "config key 'key' does not fit the algorithm: AES-256-GCM "
                + "requires a key of exactly 32 bytes, got 3 bytes")),
                decrypt.validate(TestConfig.of(DecryptApply.DESCRIPTOR, Map.of("column", "secret", "key", "abc"))));
    }
}
