package org.clouddisk.drive;

import org.clouddisk.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeNamesTest {

    @Test
    void acceptsNamesOfOneTo255CharactersOfAnyScript() {
        for (String name : new String[]{"a", "...", ".hidden", "a.", "日本語", "😀".repeat(255), " spaced ", "a\\b"}) {
            assertEquals(name, NodeNames.requireValid(name));
        }
    }

    @Test
    void refusesEmptyLongSlashedDottedAndControlNames() {
        for (String name : new String[]{null, "", ".", "..", "a/b", "/", "x".repeat(256), "a\nb", "\u007f", "\u0000"}) {
            assertThrows(InvalidRequestException.class, () -> NodeNames.requireValid(name), String.valueOf(name));
        }
    }
}
