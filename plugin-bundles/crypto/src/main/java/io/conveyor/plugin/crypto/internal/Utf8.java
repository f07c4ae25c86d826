package io.conveyor.plugin.crypto.internal;

/** Checks UTF-8 as strictly as the JDK's decoder and Rust's {@code String::from_utf8}, without decoding. */
final class Utf8 {

    private Utf8() {
    }

    /** Whether {@code bytes[0..length)} is well-formed UTF-8: no overlong forms, surrogates or values past U+10FFFF. */
    static boolean isValid(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int lead = bytes[i] & 0xff;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int followers;
            int low = 0x80;
            int high = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                followers = 1;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                followers = 2;
                if (lead == 0xe0) {
                    low = 0xa0; // shorter forms are overlong
                } else if (lead == 0xed) {
                    high = 0x9f; // D800-DFFF are surrogates
                }
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                followers = 3;
                if (lead == 0xf0) {
                    low = 0x90;
                } else if (lead == 0xf4) {
                    high = 0x8f; // past U+10FFFF
                }
            } else {
                return false;
            }
            if (i + followers >= length) { // the sequence is cut off
                return false;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= followers; k++) {
                int next = bytes[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return false;
                }
            }
            i += followers + 1;
        }
        return true;
    }
}
