package io.conveyor.plugin.crypto.internal;

import java.security.spec.AlgorithmParameterSpec;
import java.util.Locale;

import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEAD ciphers of the original tool, as the JDK provides them. Every one takes a 12-byte
 * nonce and appends a 16-byte tag to the ciphertext, so a sealed value is
 * {@code nonce || ciphertext || tag}.
 */
enum Algorithm {
    AES_128_GCM("aes-128-gcm", "aes128gcm", "AES-128-GCM", 16, "AES/GCM/NoPadding", "AES"),
    AES_256_GCM("aes-256-gcm", "aes256gcm", "AES-256-GCM", 32, "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305("chacha20-poly1305", "chacha20poly1305", "ChaCha20-Poly1305", 32, "ChaCha20-Poly1305",
            "ChaCha20");

    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    /** The names {@code algorithm} accepts, in any case, for messages and documentation. */
    static final String SPELLINGS = "aes-128-gcm (or aes128gcm), aes-256-gcm (or aes256gcm), chacha20-poly1305 "
            + "(or chacha20poly1305)";

    private final String name;
    private final String alias;
    private final String displayName;
    private final int keyBytes;
    private final String transformation;
    private final String keyAlgorithm;

    Algorithm(String name, String alias, String displayName, int keyBytes, String transformation,
            String keyAlgorithm) {
        this.name = name;
        this.alias = alias;
        this.displayName = displayName;
        this.keyBytes = keyBytes;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The algorithm a config value names, by its name or the original tool's alias, in any case; null if none. */
    static Algorithm parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (Algorithm algorithm : values()) {
            if (algorithm.name.equals(lower) || algorithm.alias.equals(lower)) {
                return algorithm;
            }
        }
        return null;
    }

    /** The original tool's message for a key of the wrong length, or null when the length fits. */
    String keyLengthProblem(int bytes) {
        return bytes == keyBytes ? null
                : displayName + " requires a key of exactly " + keyBytes + " bytes, got " + bytes + " bytes";
    }

    String transformation() {
        return transformation;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The cipher parameters for the nonce at {@code nonce[offset..offset+12)}. */
    AlgorithmParameterSpec parameters(byte[] nonce, int offset) {
        return this == CHACHA20_POLY1305 ? new IvParameterSpec(nonce, offset, NONCE_BYTES)
                : new GCMParameterSpec(TAG_BYTES * 8, nonce, offset, NONCE_BYTES);
    }
}
