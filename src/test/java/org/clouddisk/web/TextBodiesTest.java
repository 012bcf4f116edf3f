package org.clouddisk.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextBodiesTest {

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aBodyUpToTheLimitIsReadWhole() throws IOException {
        String body = "{\"user\":\"" + "é".repeat(JsonRequest.MAX_BODY / 2) + "\"}";
        assertEquals(body, readAll(new TextBodies.Prefix(new ByteArrayInputStream(body.getBytes(
                StandardCharsets.UTF_8)), TextBodies.MAX_BYTES)));
    }

    /** Whatever the characters' widths, a cut body still decodes to more than the limit and is refused as too long. */
    @Test
    void aLongerBodyIsCutWhereItCanOnlyBeTooLong() throws IOException {
        for (String character : new String[] {"x", "é", "日", "😀"}) {
            byte[] body = ("{\"user\":\"" + character.repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] read = new TextBodies.Prefix(new ByteArrayInputStream(body), TextBodies.MAX_BYTES).readAllBytes();
            assertEquals(TextBodies.MAX_BYTES, read.length, character);
            assertThrows(InvalidRequestException.class,
                    () -> JsonRequest.parse(new String(read, StandardCharsets.UTF_8)), character);
        }
    }
}
