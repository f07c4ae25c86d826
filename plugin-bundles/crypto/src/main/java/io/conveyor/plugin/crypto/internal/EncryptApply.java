package io.conveyor.plugin.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.List;

import javax.crypto.Cipher;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
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

/** {@code encrypt.apply}: encrypts a text column value by value, as the original tool did. */
@Component(service = Transform.class, property = {Stage.FUNCTION + "=encrypt.apply", Stage.ROLE + "=transform"})
public final class EncryptApply extends CipherStage {

    static final String SUFFIX = "_encrypted";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("encrypt.apply", StageRole.TRANSFORM)
            .description("Encrypts each value of a utf8 column with an AEAD cipher and a fresh random 12-byte nonce, "
                    + "and writes base64 (standard alphabet, padded) of nonce || ciphertext || 16-byte tag: the "
                    + "original tool's format, so either tool decrypts what the other encrypted. There is no "
                    + "associated data and no key derivation. Nulls stay null; the other columns pass through "
                    + "unchanged. Because nonces are random, the same value encrypts differently every time. "
                    + CipherConfig.KEY_ADVICE)
            .parameter(CipherConfig.column("encrypt"))
            .parameter(CipherConfig.key())
            .parameter(CipherConfig.algorithm())
            .parameter(CipherConfig.outputColumn(SUFFIX))
            .example("Encrypt emails with the key kept in a variable", """
                    [global.variables]
                    # A real pipeline reads the key from the environment instead:
                    # secret_key = "${CONVEYOR_SECRET_KEY}"
                    secret_key = "0123456789abcdef0123456789abcdef"

                    [[stages]]
                    id = "sealed"
                    function = "encrypt.apply"
                    inputs = ["users"]
                    [stages.config]
                    column = "email"
                    key = "{{secret_key}}"
                    algorithm = "aes-256-gcm"
                    """)
            .build();

    private final Nonces nonces;

    public EncryptApply() {
        this(null);
    }

    /** With a fixed nonce sequence, for known-answer tests; {@code null} draws random nonces per task. */
    EncryptApply(Nonces nonces) {
        this.nonces = nonces;
    }

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
        return new EncryptTask(cipherConfig, cipherConfig.newCipher(),
                nonces != null ? nonces : Nonces.random(), context);
    }

    /** One run: a cipher, a nonce source and scratch arrays reused for every value. */
    private final class EncryptTask implements TransformTask {
        private final CipherConfig config;
        private final Cipher cipher;
        private final Nonces nonces;
        private final StageContext context;
        private final byte[] nonce = new byte[Algorithm.NONCE_BYTES];
        private byte[] sealed = new byte[256];
        private byte[] text = new byte[344];

        EncryptTask(CipherConfig config, Cipher cipher, Nonces nonces, StageContext context) {
            this.config = config;
            this.cipher = cipher;
            this.nonces = nonces;
            this.context = context;
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            ByteCells cells = ByteCells.of(textColumn(batch, config.column, input));
            int rows = batch.getRowCount();
            VarCharVector encrypted = new VarCharVector(textField(config.outputColumn), context.allocator());
            try {
                long overhead = (long) rows * (Algorithm.NONCE_BYTES + Algorithm.TAG_BYTES + 2);
                encrypted.allocateNew((cells.totalBytes(rows) + overhead) * 4 / 3, rows);
                for (int row = 0; row < rows; row++) {
                    if (cells.isNull(row)) {
                        encrypted.setNull(row);
                    } else {
                        int plainLength = cells.read(row);
                        int textLength = encrypt(cells.bytes(), plainLength);
                        encrypted.setSafe(row, text, 0, textLength);
                    }
                }
                encrypted.setValueCount(rows);
            } catch (StageException | RuntimeException e) {
                encrypted.close();
                throw e;
            }
            out.emit(WithColumn.batch(batch, encrypted, context.allocator()));
        }

        /** Seals {@code plain[0..length)} and base64-encodes it into {@link #text}; returns the text length. */
        private int encrypt(byte[] plain, int length) throws StageException {
            int sealedLength = Algorithm.NONCE_BYTES + length + Algorithm.TAG_BYTES;
            if (sealed.length < sealedLength) {
                sealed = new byte[Math.max(sealedLength, sealed.length * 2)];
            }
            nonces.next(nonce);
            System.arraycopy(nonce, 0, sealed, 0, Algorithm.NONCE_BYTES);
            try {
                cipher.init(Cipher.ENCRYPT_MODE, config.key, config.algorithm.parameters(nonce, 0));
                cipher.doFinal(plain, 0, length, sealed, Algorithm.NONCE_BYTES);
            } catch (GeneralSecurityException e) {
                throw new StageException(ErrorCode.STAGE, null, "cannot encrypt: " + e.getMessage(), e);
            }
            int textLength = Base64Codec.encodedLength(sealedLength);
            if (text.length < textLength) {
                text = new byte[Math.max(textLength, text.length * 2)];
            }
            return Base64Codec.encode(sealed, 0, sealedLength, text);
        }
    }
}
