package io.conveyor.plugin.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8Test {

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void agree(byte[] bytes) {
        assertEquals(jdkAccepts(bytes), Utf8.isValid(bytes, bytes.length), java.util.HexFormat.of().formatHex(bytes));
    }

    @Test
    void agreesWithTheJdkDecoderOnEdgeCases() {
        String[] cases = {"", "41", "c280", "c180", "c0af", "dfbf", "e0a080", "e09f80", "ed9fbf", "eda080", "efbfbf",
            "f0908080", "f08f8080", "f48fbfbf", "f4908080", "f5808080", "ff", "80", "e282", "e282ac", "f09f9880",
            "f09f98", "c2", "41c3a9"};
        for (String hex : cases) {
            agree(java.util.HexFormat.of().parseHex(hex));
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(6)];
            random.nextBytes(bytes);
            agree(bytes);
        }
    }
}
