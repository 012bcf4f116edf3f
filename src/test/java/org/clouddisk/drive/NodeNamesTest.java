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

    @Test
    void numbersANameBeforeItsExtension() {
        assertEquals("a (1).txt", NodeNames.numbered("a.txt", 1));
        assertEquals("archive.tar (2).gz", NodeNames.numbered("archive.tar.gz", 2));
        assertEquals("notes (3)", NodeNames.numbered("notes", 3));
        assertEquals(".bashrc (1)", NodeNames.numbered(".bashrc", 1));
        String numbered = NodeNames.numbered("x".repeat(251) + ".txt", 12);
        assertEquals(255, numbered.length());
        assertEquals("x".repeat(246) + " (12).txt", numbered);
    }
}
