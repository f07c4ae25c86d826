package io.conveyor.plugin.crypto.internal;

import static io.conveyor.plugin.crypto.internal.Vectors.ALICE;
import static io.conveyor.plugin.crypto.internal.Vectors.GREETING;
import static io.conveyor.plugin.crypto.internal.Vectors.KEY_16;
import static io.conveyor.plugin.crypto.internal.Vectors.KEY_32;
import static io.conveyor.plugin.crypto.internal.Vectors.NONCE_1;
import static io.conveyor.plugin.crypto.internal.Vectors.NONCE_2;
import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
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

class EncryptApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "encrypt");

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private VectorSchemaRoot users() {
        return Batches.of(root, "id:int64, email:utf8", row(1, ALICE), row(2, null), row(3, GREETING));
    }

    private static TestConfig config(Map<String, ?> values) {
        return TestConfig.of(EncryptApply.DESCRIPTOR, values);
    }

    private CollectingEmitter encrypt(EncryptApply stage, Map<String, ?> values, VectorSchemaRoot... batches)
            throws StageException {
        return Runs.transform(stage, config(values), context, batches);
    }

    private List<String> knownAnswer(String key, String algorithm) throws StageException {
        EncryptApply stage = new EncryptApply(Vectors.sequence(NONCE_1, NONCE_2));
        try (VectorSchemaRoot in = users();
                CollectingEmitter out = encrypt(stage, Map.of("column", "email", "key", key, "algorithm", algorithm),
                        in)) {
            assertEquals("id:int64, email:utf8, email_encrypted:utf8", BatchText.schema(out.batches().get(0)));
            return out.rows();
        }
    }

    @Test
    void eachAlgorithmWritesTheOriginalFormatExactlyForKnownNonces() throws StageException {
        assertEquals(List.of("1|\"" + ALICE + "\"|\"" + Vectors.AES_256_ALICE + "\"", "2|null|null",
                "3|\"" + GREETING + "\"|\"" + Vectors.AES_256_GREETING + "\""), knownAnswer(KEY_32, "aes-256-gcm"));
        assertEquals(List.of("1|\"" + ALICE + "\"|\"" + Vectors.AES_128_ALICE + "\"", "2|null|null",
                "3|\"" + GREETING + "\"|\"" + Vectors.AES_128_GREETING + "\""), knownAnswer(KEY_16, "aes-128-gcm"));
        assertEquals(List.of("1|\"" + ALICE + "\"|\"" + Vectors.CHACHA_ALICE + "\"", "2|null|null",
                "3|\"" + GREETING + "\"|\"" + Vectors.CHACHA_GREETING + "\""),
                knownAnswer(KEY_32, "chacha20-poly1305"));
    }

    @Test
    void theDefaultAlgorithmIsAes256GcmAndAnEmptyStringEncryptsToNonceAndTag() throws StageException {
        EncryptApply stage = new EncryptApply(Vectors.sequence(NONCE_1));
        try (VectorSchemaRoot in = Batches.of(root, "s:utf8", row(""));
                CollectingEmitter out = encrypt(stage, Map.of("column", "s", "key", KEY_32), in)) {
            assertEquals(List.of("\"\"|\"" + Vectors.AES_256_EMPTY + "\""), out.rows());
        }
    }

    @Test
    void theOutputMatchesTheJdkCipherOnAValueLongerThanTheScratchBuffers() throws Exception {
        String value = "x".repeat(1000) + "é";
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY_32.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, NONCE_2));
        byte[] sealed = new byte[12 + plain.length + 16];
        System.arraycopy(NONCE_2, 0, sealed, 0, 12);
        jdk.doFinal(plain, 0, plain.length, sealed, 12);
        String expected = java.util.Base64.getEncoder().encodeToString(sealed);

        EncryptApply stage = new EncryptApply(Vectors.sequence(NONCE_2));
        try (VectorSchemaRoot in = Batches.of(root, "s:utf8", row(value));
                CollectingEmitter out = encrypt(stage, Map.of("column", "s", "key", KEY_32, "output_column", "t"),
                        in)) {
            assertEquals(List.of("\"" + value + "\"|\"" + expected + "\""), out.rows());
        }
    }

    @Test
    void randomNoncesMakeEveryEncryptionDifferentAndDecryptionRestoresTheText() throws StageException {
        EncryptApply encrypt = new EncryptApply();
        DecryptApply decrypt = new DecryptApply();
        Map<String, Object> keys = Map.of("column", "email", "key", KEY_32, "algorithm", "ChaCha20-Poly1305",
                "output_column", "email");
        try (VectorSchemaRoot in = Batches.of(root, "email:utf8", row(ALICE), row(ALICE), row((Object) null),
                row(GREETING));
                CollectingEmitter sealed = encrypt(encrypt, keys, in);
                CollectingEmitter opened = Runs.transform(decrypt, TestConfig.of(DecryptApply.DESCRIPTOR, keys),
                        context, sealed.batches().get(0))) {
            List<String> ciphertexts = sealed.rows();
            assertNotEquals(ciphertexts.get(0), ciphertexts.get(1));
            assertEquals("null", ciphertexts.get(2));
            assertEquals(List.of("\"" + ALICE + "\"", "\"" + ALICE + "\"", "null", "\"" + GREETING + "\""),
                    opened.rows());
        }
    }

    @Test
    void anOutputColumnOfAnExistingNameReplacesItInPlace() throws StageException {
        EncryptApply stage = new EncryptApply(Vectors.sequence(NONCE_1, NONCE_2));
        try (VectorSchemaRoot in = users();
                CollectingEmitter out = encrypt(stage, Map.of("column", "email", "key", KEY_32,
                        "output_column", "email"), in)) {
            in.close(); // the engine releases the input; the output must stay readable
            assertEquals("id:int64, email:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|\"" + Vectors.AES_256_ALICE + "\"", "2|null", "3|\"" + Vectors.AES_256_GREETING
                    + "\""), out.rows());
        }
    }

    @Test
    void batchesAreEncryptedOneAfterTheOther() throws StageException {
        EncryptApply stage = new EncryptApply(Vectors.sequence(NONCE_1, NONCE_2));
        try (VectorSchemaRoot a = Batches.of(root, "email:utf8", row(ALICE));
                VectorSchemaRoot b = Batches.of(root, "email:utf8", row(GREETING));
                CollectingEmitter out = encrypt(stage, Map.of("column", "email", "key", KEY_32), a, b)) {
            assertEquals(2, out.batches().size());
            assertEquals(List.of("\"" + ALICE + "\"|\"" + Vectors.AES_256_ALICE + "\"",
                    "\"" + GREETING + "\"|\"" + Vectors.AES_256_GREETING + "\""), out.rows());
        }
    }

    @Test
    void aBatchWithoutRowsGivesOneWithTheOutputColumnAndNoInputGivesNothing() throws StageException {
        EncryptApply stage = new EncryptApply();
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, email:utf8");
                CollectingEmitter out = encrypt(stage, Map.of("column", "email", "key", KEY_32), empty);
                CollectingEmitter none = encrypt(stage, Map.of("column", "email", "key", KEY_32))) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("id:int64, email:utf8, email_encrypted:utf8", BatchText.schema(out.batches().get(0)));
            assertTrue(none.batches().isEmpty());
        }
    }

    @Test
    void aColumnThatIsNotTextOrMissingIsADataError() {
        EncryptApply stage = new EncryptApply();
        try (VectorSchemaRoot in = users()) {
            StageException wrongType = assertThrows(StageException.class,
                    () -> encrypt(stage, Map.of("column", "id", "key", KEY_32), in));
            assertEquals(ErrorCode.DATA, wrongType.code());
            assertEquals("column 'id' is int64 in input 'in', but encrypt.apply needs a utf8 column",
                    wrongType.getMessage());
            StageException missing = assertThrows(StageException.class,
                    () -> encrypt(stage, Map.of("column", "mail", "key", KEY_32), in));
            assertEquals("column 'mail' is not in input 'in' (columns: id, email)", missing.getMessage());
        }
    }

    @Test
    void theOutputSchemaIsToldAtValidationAndColumnMistakesAreReportedThere() {
        EncryptApply stage = new EncryptApply();
        Schema users = Batches.schema("id:int64, email:utf8");
        TestSchemaContext known = TestSchemaContext.of("users", users);
        assertEquals(Optional.of(Batches.schema("id:int64, email:utf8, email_encrypted:utf8")),
                stage.outputSchema(config(Map.of("column", "email", "key", KEY_32)), known));
        assertEquals(List.of(), known.problems());

        TestSchemaContext wrongType = TestSchemaContext.of("users", users);
        assertEquals(Optional.empty(), stage.outputSchema(config(Map.of("column", "id", "key", KEY_32)), wrongType));
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' names 'id', which is int64 in input "
                + "'users', but encrypt.apply needs a utf8 column")), wrongType.problems());

        TestSchemaContext missing = TestSchemaContext.of("users", users);
        stage.outputSchema(config(Map.of("column", "mail", "key", KEY_32)), missing);
        assertEquals(List.of("config key 'column' names 'mail', which is not in input 'users' (columns: id, email)"),
                missing.messages());

        TestSchemaContext unknown = TestSchemaContext.of("users", null);
        assertEquals(Optional.empty(), stage.outputSchema(config(Map.of("column", "email", "key", KEY_32)), unknown));
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void aKeyOfTheWrongLengthIsAProblemOfTheKeyInTheOriginalsWordsWithoutShowingTheKey() {
        EncryptApply stage = new EncryptApply();
        assertEquals(List.of(new ConfigProblem("key", "config key 'key' does not fit the algorithm: AES-256-GCM "
                + "requires a key of exactly 32 bytes, got 16 bytes")),
                stage.validate(config(Map.of("column", "c", "key", KEY_16))));
        assertEquals(List.of(new ConfigProblem("key", "config key 'key' does not fit the algorithm: AES-128-GCM "
                + "requires a key of exactly 16 bytes, got 32 bytes")),
                stage.validate(config(Map.of("column", "c", "key", KEY_32, "algorithm", "aes128gcm"))));
        // the length counts UTF-8 bytes: seven ASCII characters and a two-byte ü
        List<ConfigProblem> chacha = stage.validate(config(Map.of("column", "c", "key", "s3cr3t-ü",
                "algorithm", "CHACHA20POLY1305")));
        assertEquals(List.of(new ConfigProblem("key", "config key 'key' does not fit the algorithm: "
                + "ChaCha20-Poly1305 requires a key of exactly 32 bytes, got 9 bytes")), chacha);
        assertFalse(chacha.get(0).message().contains("s3cr3t"));
        StageException e = assertThrows(StageException.class, () -> stage.open(config(Map.of("column", "c",
                "key", "short")), context, List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("key", e.key());
    }

    @Test
    void algorithmNamesAreCaseInsensitiveWithTheOriginalsAliasesAndOthersAreAProblem() {
        EncryptApply stage = new EncryptApply();
        Map<String, String> keyFor = new HashMap<>(Map.of("AES-128-GCM", KEY_16, "Aes128Gcm", KEY_16,
                "aes-256-GCM", KEY_32, "AES256GCM", KEY_32, "chacha20-poly1305", KEY_32, "ChaCha20Poly1305", KEY_32));
        keyFor.forEach((algorithm, key) -> assertEquals(List.of(), stage.validate(config(Map.of("column", "c",
                "key", key, "algorithm", algorithm))), algorithm));
        assertEquals(List.of(new ConfigProblem("algorithm", "config key 'algorithm' must be one of aes-128-gcm (or "
                + "aes128gcm), aes-256-gcm (or aes256gcm), chacha20-poly1305 (or chacha20poly1305), got string "
                + "\"aes-256-cbc\"")),
                stage.validate(config(Map.of("column", "c", "key", KEY_32, "algorithm", "aes-256-cbc"))));
    }

    @Test
    void emptyColumnNamesAreProblems() {
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' must not be empty"),
                new ConfigProblem("output_column", "config key 'output_column' must not be empty")),
                new EncryptApply().validate(config(Map.of("column", "", "key", KEY_32, "output_column", ""))));
    }
}
