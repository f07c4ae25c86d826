package io.conveyor.plugin.crypto.internal;

import java.security.SecureRandom;

/** Where encrypt.apply takes each value's nonce from: random bytes, or a fixed sequence in tests. */
interface Nonces {

    /** Fills {@code nonce[0..12)} with a fresh nonce. */
    void next(byte[] nonce);

    /** A fresh random nonce per value, from a {@link SecureRandom} of the task's own. */
    static Nonces random() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
