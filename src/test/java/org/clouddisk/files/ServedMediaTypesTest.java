package org.clouddisk.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServedMediaTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "image/jpeg", "video/mp4", "audio/mpeg", "text/plain", "application/pdf"})
    void typesBrowsersOnlyDisplayAreKept(String type) {
        assertEquals(type, ServedMediaTypes.of(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xhtml+xml", "image/svg+xml", "IMAGE/SVG+XML", "text/xml",
            "application/xml", "text/javascript", "application/javascript", "text/css", "application/zip"})
    void everythingElseIsServedAsBytes(String type) {
        assertEquals("application/octet-stream", ServedMediaTypes.of(type));
    }

    @Test
    void anUnknownTypeIsBytes() {
        assertEquals("application/octet-stream", ServedMediaTypes.of(null));
    }
}
