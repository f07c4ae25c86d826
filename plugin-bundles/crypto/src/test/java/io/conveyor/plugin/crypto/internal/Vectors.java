package io.conveyor.plugin.crypto.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Known answers computed outside the JDK, with OpenSSL 3.0 through Python's {@code cryptography}
 * package: {@code base64(nonce + AESGCM(key).encrypt(nonce, plaintext, None))} and the same with
 * {@code ChaCha20Poly1305}, which is the original tool's format.
 */
final class Vectors {

    static final String KEY_32 = "0123456789abcdef0123456789abcdef";
    static final String KEY_16 = "0123456789abcdef";
    /** 00 01 02 .. 0b */
    static final byte[] NONCE_1 = range(0);
    /** 64 65 66 .. 6f */
    static final byte[] NONCE_2 = range(100);

    static final String ALICE = "alice@example.com";
    static final String GREETING = "Grüße, 世界";

    static final String AES_256_ALICE = "AAECAwQFBgcICQoLTInSH7xYt9TJsQHSFOGya4tFJl8WxPjRCecby2jHhCUe";
    static final String AES_256_GREETING = "ZGVmZ2hpamtsbW5vcm6O6/c4I/lnB0n/D13HYRwVleUBMeIUh6ctU0O68w==";
    static final String AES_128_ALICE = "AAECAwQFBgcICQoLnFOtfns0Xk6JS3d2pbXTQm0d6b2YKhS/9Jid6sPER8zj";
    static final String AES_128_GREETING = "ZGVmZ2hpamtsbW5vsB2xHDdx01VBJ/HJ3lXRX7r8vE0Kb84NSLqF6j7SRA==";
    static final String CHACHA_ALICE = "AAECAwQFBgcICQoLmVM9WwIDmtP2f4nnUKYyqV1Kqc8xN/dm0o3Mo3dCit+k";
    static final String CHACHA_GREETING = "ZGVmZ2hpamtsbW5vZd0P4PLsjNQLVZNpwVeY9hrco+EULKdVBG108a6cvw==";
    static final String AES_256_EMPTY = "AAECAwQFBgcICQoLUZJP08yieN3vntriEyAWqg==";
    /** The bytes ff fe 6f 6b, which are not UTF-8, under KEY_32 and NONCE_1. */
    static final String AES_256_NOT_UTF8 = "AAECAwQFBgcICQoL0hvUFwLk+wR3Aim0kUn5Eh8HGPI=";
    /** ALICE under the key fedcba9876543210fedcba9876543210 and NONCE_1. */
    static final String AES_256_ALICE_OTHER_KEY = "AAECAwQFBgcICQoL/My01S7L7e6wALdDiDoKvR4IZJOp3t5/5lF3UO9aGVm+";

    private Vectors() {
    }

    private static byte[] range(int from) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (from + i);
        }
        return nonce;
    }

    /** Nonces handed out in the given order, for encrypt.apply's test constructor. */
    static Nonces sequence(byte[]... nonces) {
        Deque<byte[]> left = new ArrayDeque<>(List.of(nonces));
        return nonce -> System.arraycopy(left.removeFirst(), 0, nonce, 0, 12);
    }
}
