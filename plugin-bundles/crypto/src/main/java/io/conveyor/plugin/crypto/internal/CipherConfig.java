package io.conveyor.plugin.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * The config both crypto stages share: {@code column}, {@code key}, {@code algorithm} and
 * {@code output_column}. Messages never show the key, only its length.
 */
final class CipherConfig {

    static final String KEY_ADVICE = "Keep the key out of the pipeline file: declare it in [global.variables] from the "
            + "environment (secret_key = \"${CONVEYOR_SECRET_KEY}\") and write key = \"{{secret_key}}\".";

    final String column;
    final String outputColumn;
    final Algorithm algorithm;
    final SecretKeySpec key;

    private CipherConfig(String column, String outputColumn, Algorithm algorithm, SecretKeySpec key) {
        this.column = column;
        this.outputColumn = outputColumn;
        this.algorithm = algorithm;
        this.key = key;
    }

    static Parameter column(String verb) {
        return Parameter.builder("column", ParameterType.STRING).required()
                .description("The utf8 column to " + verb + ".").example("\"email\"").build();
    }

    static Parameter key() {
        return Parameter.builder("key", ParameterType.STRING).required()
                .description("The key: its UTF-8 bytes are used as they are (no key derivation), so it must be "
                        + "exactly 16 bytes for aes-128-gcm and 32 bytes for aes-256-gcm and chacha20-poly1305. "
                        + KEY_ADVICE)
                .example("\"{{secret_key}}\"").build();
    }

    static Parameter algorithm() {
        return Parameter.builder("algorithm", ParameterType.STRING).defaultValue("aes-256-gcm")
                .description("The cipher, in any case: " + Algorithm.SPELLINGS + ".")
                .example("\"chacha20-poly1305\"").build();
    }

    static Parameter outputColumn(String suffix) {
        return Parameter.builder("output_column", ParameterType.STRING)
                .description("The column to write, replacing a column of that name; by default the column's "
                        + "name followed by " + suffix + ".")
                .example("\"email" + suffix + "\"").build();
    }

    /** Every problem with the shared keys. */
    static List<ConfigProblem> problems(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigValues.problems(
                ConfigValues.emptyProblem(config, "column"), ConfigValues.emptyProblem(config, "output_column")));
        String name = config.getString("algorithm");
        Algorithm algorithm = Algorithm.parse(name);
        if (algorithm == null) {
            problems.add(new ConfigProblem("algorithm", "config key 'algorithm' must be one of "
                    + Algorithm.SPELLINGS + ", got " + ConfigValues.describe(name)));
        } else {
            String length = algorithm.keyLengthProblem(keyBytes(config).length);
            if (length != null) {
                problems.add(new ConfigProblem("key", "config key 'key' does not fit the algorithm: " + length));
            }
        }
        return problems;
    }

    /** The checked config; throws the first problem. */
    static CipherConfig of(StageConfig config, String suffix) throws StageException {
        ConfigValues.throwFirst(problems(config));
        Algorithm algorithm = Algorithm.parse(config.getString("algorithm"));
        String column = config.getString("column");
        return new CipherConfig(column, outputColumn(config, suffix), algorithm,
                new SecretKeySpec(keyBytes(config), algorithm.keyAlgorithm()));
    }

    /** A cipher for this config's algorithm; one per task, as ciphers are not thread-safe. */
    Cipher newCipher() throws StageException {
        try {
            return Cipher.getInstance(algorithm.transformation());
        } catch (GeneralSecurityException e) {
            throw new StageException(ErrorCode.STAGE, "algorithm",
                    "this Java runtime has no " + algorithm.transformation() + " cipher: " + e.getMessage(), e);
        }
    }

    static String outputColumn(StageConfig config, String suffix) {
        String output = config.getString("output_column");
        return output != null ? output : config.getString("column") + suffix;
    }

    private static byte[] keyBytes(StageConfig config) {
        return config.getString("key").getBytes(StandardCharsets.UTF_8);
    }
}
