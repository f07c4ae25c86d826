package io.conveyor.plugin.core.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CsvBatchBuilderTest {

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void wellFormedUtf8IsWhatJavasDecoderAccepts() {
        Random random = new Random(3);
        byte[] interesting = {0x41, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF,
            (byte) 0xE0, (byte) 0xA0, (byte) 0x9F, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0x90, (byte) 0x8F,
            (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(5)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = interesting[random.nextInt(interesting.length)];
            }
            assertEquals(decodes(bytes), CsvBatchBuilder.isUtf8(bytes, 0, bytes.length), java.util.HexFormat.of()
                    .formatHex(bytes));
        }
    }
}
