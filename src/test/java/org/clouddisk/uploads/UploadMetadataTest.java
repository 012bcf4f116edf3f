package org.clouddisk.uploads;

import org.clouddisk.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UploadMetadataTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNameParentAndMd5AndIgnoresOtherKeys() {
        UploadMetadata m = UploadMetadata.parse("name " + b64("報告 2026.pdf") + ",parent " + b64("d42")
                + ",md5 " + b64("0123456789ABCDEF0123456789abcdef") + ",filetype " + b64("application/pdf")
                + ",is_confidential");
        assertEquals("報告 2026.pdf", m.name());
        assertEquals("d42", m.parent());
        assertEquals("0123456789abcdef0123456789abcdef", m.md5(), "lowercased");
    }

    @Test
    void theParentDefaultsToRootAndTheMd5IsOptional() {
        UploadMetadata m = UploadMetadata.parse("name " + b64("a.txt"));
        assertEquals("root", m.parent());
        assertNull(m.md5());
        assertEquals("a.txt", UploadMetadata.parse(" name " + b64("a.txt") + " , parent ").name(),
                "spaces around pairs; an empty parent is root");
    }

    @Test
    void acceptsBase64WithoutPadding() {
        String unpadded = b64("ab.c").replace("=", "");
        assertEquals("ab.c", UploadMetadata.parse("name " + unpadded).name());
    }

    @Test
    void refusesWhatIsNotWellFormed() {
        for (String bad : List.of("", "  ", "name", "name !!!", "name " + b64("a") + " extra",
                "name " + b64("a") + ",name " + b64("b"), "parent " + b64("root"),
                "name " + Base64.getEncoder().encodeToString(new byte[]{(byte) 0xC3, 0x28}),
                "name " + b64("a/b"), "name " + b64(".."), "name " + b64("tab\there"), "name " + b64("x".repeat(256)),
                "name " + b64("a") + ",md5 " + b64("nothex"), ",name " + b64("a"), "na,me " + b64("a"),
                "name " + b64("a") + "," + "k".repeat(9000))) {
            assertThrows(InvalidRequestException.class, () -> UploadMetadata.parse(bad), bad);
        }
        assertThrows(InvalidRequestException.class, () -> UploadMetadata.parse(null));
    }
}
