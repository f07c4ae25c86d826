package io.conveyor.plugin.core.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8WriterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesCharactersOfEveryWidthAsUtf8WhateverTheBufferSize() throws Exception {
        String text = "a\u00e9\u20ac\uD83D\uDE00z".repeat(5);
        for (int size = 16; size < 40; size++) {
            bytes.reset();
            try (Utf8Writer writer = new Utf8Writer(bytes, size)) {
                writer.write(text, 0, 7);
                writer.write(text.toCharArray(), 7, text.length() - 7);
            }
            assertEquals(text, written(), "buffer " + size);
        }
    }

    @Test
    void encodedBytesAndCharactersKeepTheirOrder() throws Exception {
        try (Utf8Writer writer = new Utf8Writer(bytes, 16)) {
            writer.write("x,");
            byte[] big = "\u00fc".repeat(20).getBytes(StandardCharsets.UTF_8);
            writer.writeUtf8(big, 0, big.length);
            writer.write('\n');
            writer.writeUtf8(big, 0, 2);
        }
        assertEquals("x," + "\u00fc".repeat(20) + "\n\u00fc", written());
    }

    @Test
    void aLoneSurrogateIsAQuestionMarkAsJavasEncoderWritesIt() throws Exception {
        try (Utf8Writer writer = new Utf8Writer(bytes, 16)) {
            writer.write("a\uD83Db\uDE00c\uD83D");
        }
        assertEquals(new String("a\uD83Db\uDE00c\uD83D".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                written());
        assertEquals("a?b?c?", written());
    }

    @Test
    void aSurrogatePairSplitAcrossWritesStaysOneCharacter() throws Exception {
        try (Utf8Writer writer = new Utf8Writer(bytes, 16)) {
            writer.write('\uD83D');
            writer.flush();
            writer.write('\uDE00');
        }
        assertEquals("\uD83D\uDE00", written());
    }
}
