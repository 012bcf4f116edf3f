package org.clouddisk.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a.txt", "../../etc/passwd", "/abs/path", "C:\\Windows\\x.ini", "he said \"hi\".txt",
            "a;b;c.txt", "  spaces  ", "中文 報告 (1).txt", "😀", "tab\u00a0nbsp.txt", "%00.txt", "."})
    void acceptsLabelsOfAnyPrintableCharacters(String name) {
        assertTrue(FileNames.isValid(name), name);
        assertSame(name, FileNames.requireValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nul\u0000.txt", "line\nbreak", "cr\r.txt", "tab\t.txt", "bell\u0007", "del\u007f.txt",
            "c1\u0085.txt", "c1\u009f"})
    void refusesEmptyNamesAndControlCharacters(String name) {
        assertFalse(FileNames.isValid(name), name);
        assertThrows(InvalidRequestException.class, () -> FileNames.requireValid(name));
    }

    @Test
    void refusesNull() {
        assertFalse(FileNames.isValid(null));
        assertThrows(InvalidRequestException.class, () -> FileNames.requireValid(null));
    }

    @Test
    void countsTheLengthInCharactersNotBytesOrUtf16Units() {
        assertTrue(FileNames.isValid("x".repeat(255)));
        assertFalse(FileNames.isValid("x".repeat(256)));
        assertTrue(FileNames.isValid("中".repeat(255)), "765 UTF-8 bytes, 255 characters");
        assertFalse(FileNames.isValid("中".repeat(256)));
        assertTrue(FileNames.isValid("😀".repeat(255)), "510 UTF-16 units, 255 characters");
        assertFalse(FileNames.isValid("😀".repeat(256)));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "a.txt|txt", "PHOTO.JPG|jpg", "archive.tar.gz|gz", "Report.Final.PDF|pdf", "中文 報告 (1).TXT|txt",
            "noext|''", "trailing.|''", "../../etc/passwd|''", "dir.d/file|''", "a.b c|''", "a.tx-t|''", "a.über|''",
            "x.abcdefghijklmnop|abcdefghijklmnop", "x.abcdefghijklmnopq|''", "v1.2|2", "a.Mp4|mp4"})
    void theTypeIsTheLowercasedPlainExtension(String name, String type) {
        assertEquals(type, FileNames.type(name));
    }
}
