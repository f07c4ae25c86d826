package io.conveyor.plugin.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.kit.column.ByteCells;
import io.conveyor.plugin.kit.column.WithColumn;

/** {@code decrypt.apply}: decrypts what encrypt.apply (or the original tool) encrypted. */
@Component(service = Transform.class, property = {Stage.FUNCTION + "=decrypt.apply", Stage.ROLE + "=transform"})
public final class DecryptApply extends CipherStage {

    static final String SUFFIX = "_decrypted";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("decrypt.apply", StageRole.TRANSFORM)
            .description("Decrypts each value of a utf8 column holding base64 (standard alphabet, padded) of "
                    + "nonce || ciphertext || tag, as encrypt.apply and the original tool write it, back to text. "
                    + "A value that is not valid base64, is too short to hold the 12-byte nonce, fails "
                    + "authentication (wrong key or algorithm, or altered data) or does not decrypt to UTF-8 "
                    + "text becomes null, or fails the run when fail_on_error is set. Nulls stay null; the other "
                    + "columns pass through unchanged. " + CipherConfig.KEY_ADVICE)
            .parameter(CipherConfig.column("decrypt"))
            .parameter(CipherConfig.key())
            .parameter(CipherConfig.algorithm())
            .parameter(CipherConfig.outputColumn(SUFFIX))
            .parameter(Parameter.builder("fail_on_error", ParameterType.BOOLEAN).defaultValue(false)
                    .description("Fail the run with a DATA error \"Row <n>: ...\" (rows count from 1) at the first "
                            + "value that does not decrypt, instead of writing null.")
                    .example("true").build())
            .example("Decrypt emails back into their own column", """
                    [global.variables]
                    # A real pipeline reads the key from the environment instead:
                    # secret_key = "${CONVEYOR_SECRET_KEY}"
                    secret_key = "0123456789abcdef0123456789abcdef"

                    [[stages]]
                    id = "opened"
                    function = "decrypt.apply"
                    inputs = ["sealed"]
                    [stages.config]
                    column = "email_encrypted"
                    key = "{{secret_key}}"
                    output_column = "email"
                    fail_on_error = true
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    String suffix() {
        return SUFFIX;
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        CipherConfig cipherConfig = CipherConfig.of(config, SUFFIX);
        return new DecryptTask(cipherConfig, cipherConfig.newCipher(), config.getBoolean("fail_on_error"), context);
    }

    /** One run: a cipher and scratch arrays reused for every value, and each input's row count so far. */
    private final class DecryptTask implements TransformTask {
        private final CipherConfig config;
        private final Cipher cipher;
        private final boolean failOnError;
        private final StageContext context;
        private final Map<String, Long> rowsBefore = new HashMap<>();
        private byte[] sealed = new byte[256];
        private byte[] plain = new byte[256];

        DecryptTask(CipherConfig config, Cipher cipher, boolean failOnError, StageContext context) {
            this.config = config;
            this.cipher = cipher;
            this.failOnError = failOnError;
            this.context = context;
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            ByteCells cells = ByteCells.of(textColumn(batch, config.column, input));
            int rows = batch.getRowCount();
            long firstRow = rowsBefore.getOrDefault(input, 0L) + 1;
            rowsBefore.put(input, firstRow - 1 + rows);
            VarCharVector decrypted = new VarCharVector(textField(config.outputColumn), context.allocator());
            try {
                decrypted.allocateNew(Math.max(cells.totalBytes(rows) * 3 / 4, 1), rows);
                for (int row = 0; row < rows; row++) {
                    int length = -1;
                    if (!cells.isNull(row)) {
                        int textLength = cells.read(row);
                        length = decrypt(cells.bytes(), textLength, firstRow + row);
                    }
                    if (length < 0) {
                        decrypted.setNull(row);
                    } else {
                        decrypted.setSafe(row, plain, 0, length);
                    }
                }
                decrypted.setValueCount(rows);
            } catch (StageException | RuntimeException e) {
                decrypted.close();
                throw e;
            }
            out.emit(WithColumn.batch(batch, decrypted, context.allocator()));
        }

        /**
         * Opens the base64 text {@code text[0..length)} into {@link #plain}; returns the plaintext
         * length, or -1 for a value that does not decrypt (unless that fails the run).
         */
        private int decrypt(byte[] text, int length, long row) throws StageException {
            int most = Base64Codec.maxDecodedLength(length);
            if (sealed.length < most) {
                sealed = new byte[Math.max(most, sealed.length * 2)];
            }
            int sealedLength = Base64Codec.decode(text, length, sealed);
            if (sealedLength < 0) {
                return failed(row, "is not valid base64");
            }
            if (sealedLength < Algorithm.NONCE_BYTES) {
                return failed(row, "holds " + sealedLength + " bytes, fewer than the " + Algorithm.NONCE_BYTES
                        + "-byte nonce");
            }
            if (plain.length < sealedLength) {
                plain = new byte[Math.max(sealedLength, plain.length * 2)];
            }
            int plainLength;
            try {
                cipher.init(Cipher.DECRYPT_MODE, config.key, config.algorithm.parameters(sealed, 0));
                plainLength = cipher.doFinal(sealed, Algorithm.NONCE_BYTES, sealedLength - Algorithm.NONCE_BYTES,
                        plain, 0);
            } catch (GeneralSecurityException e) {
                return failed(row, "does not decrypt: wrong key or algorithm, or altered data");
            }
            if (!Utf8.isValid(plain, plainLength)) {
                return failed(row, "decrypts to bytes that are not UTF-8 text");
            }
            return plainLength;
        }

        private int failed(long row, String reason) throws StageException {
            if (failOnError) {
                throw StageException.data("Row " + row + ": the value of column '" + config.column + "' " + reason
                        + " (fail_on_error = true)");
            }
            return -1;
        }
    }
}
