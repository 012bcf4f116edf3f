package org.clouddisk.files;

import org.clouddisk.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LegacyUploadBodyTest {

    private static final String MD5 = "0123456789ABCDEF0123456789abcdef";
    private static final long MAX = 1 << 20;

    private static LegacyUploadBody read(String body, String headerToken) throws IOException {
        return LegacyUploadBody.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), headerToken, MAX);
    }

    @Test
    void readsTheClassicClientsBodyUpToItsContent() throws IOException {
        var body = read("------WebKitFormBoundary88asdgewtgewx\r\nContent-Disposition: form-data; user=\"mike\" "
                + "filename=\"a b.jpg\" md5=\"" + MD5 + "\" size=5\r\nContent-Type: application/octet-stream\r\n\r\n"
                + "hello\r\n------WebKitFormBoundary88asdgewtgewx", null);
        assertEquals(new DeclaredUpload("mike", null, MD5.toLowerCase(), "a b.jpg", 5), body.declared());
        assertArrayEquals("hello".getBytes(), body.content().readNBytes(5));
        assertDoesNotThrow(body::checkEnd, "the closing boundary without -- and CRLF");
    }

    @Test
    void takesTheTokenFromTheDispositionBeforeTheHeader() throws IOException {
        String head = "--b\r\nContent-Disposition: form-data; user=mike; token=\"t1\"; filename=x; md5=" + MD5
                + "; size=0\r\n\r\n\r\n--b--\r\n";
        assertEquals("t1", read(head, "t2").declared().token());
        assertEquals("t2", read(head.replace("token=\"t1\"; ", ""), "t2").declared().token());
        assertNull(read(head.replace("token=\"t1\"; ", ""), null).declared().token());
    }

    @Test
    void refusesABodyThatDoesNotEndWithItsBoundaryAfterTheDeclaredSize() throws IOException {
        var body = read("--b\r\nContent-Disposition: form-data; user=mike; filename=x; md5=" + MD5
                + "; size=3\r\n\r\nabcd\r\n--b--", null);
        body.content().readNBytes(3);
        assertThrows(InvalidRequestException.class, body::checkEnd);
    }

    @Test
    void refusesMissingOrOversizedDeclarations() {
        String ok = "--b\r\nContent-Disposition: form-data; user=mike; filename=x; md5=" + MD5 + "; size=3\r\n\r\n";
        assertThrows(InvalidRequestException.class, () -> read(ok.replace("; size=3", ""), "t"));
        assertThrows(InvalidRequestException.class, () -> read(ok.replace("size=3", "size=" + (MAX + 1)), "t"));
        assertThrows(InvalidRequestException.class, () -> read(ok.replace("user=mike; ", ""), "t"));
        assertThrows(InvalidRequestException.class, () -> read(ok.replace(MD5, "xyz"), "t"));
        assertThrows(InvalidRequestException.class, () -> read("\r\n" + ok, "t"), "no boundary line");
        assertThrows(InvalidRequestException.class, () -> read(ok.substring(0, 20), "t"), "ends inside its headers");
        assertThrows(InvalidRequestException.class, () -> read(ok.replace("\r\n\r\n", "\r\n" + "X: y\r\n".repeat(17) + "\r\n"), "t"));
    }
}
