package org.clouddisk.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameIndexTest {

    @Test
    void aQueryGivesItsDistinctRunsOfThreeCharacters() {
        assertEquals(List.of("rep", "epo", "por", "ort"), NameIndex.grams("report"));
        assertEquals(List.of("aaa"), NameIndex.grams("aaaaa"));
        assertEquals(List.of("a%_", "%_!"), NameIndex.grams("a%_!"), "wildcards and the escape are characters");
        assertEquals(List.of("ab "), NameIndex.grams("ab "), "a trailing space is part of the gram");
    }

    @Test
    void shortQueriesHaveNoGram() {
        assertEquals(List.of(), NameIndex.grams(""));
        assertEquals(List.of(), NameIndex.grams("ab"));
    }

    @Test
    void gramsCountCodePointsAndSkipThoseOutsideTheBasicPlane() {
        assertEquals(List.of("é文ω"), NameIndex.grams("é文ω"));
        assertEquals(List.of(), NameIndex.grams("a😀b"), "3 code points, but one needs two UTF-16 units");
        assertEquals(List.of("cde"), NameIndex.grams("ab😀cde"));
        assertEquals(List.of(), NameIndex.grams("😀😀😀"));
    }

    @Test
    void aLongQueryIsProbedAtEightGramsSpreadOverIt() {
        String needle = "abcdefghijklmnopqrstuvwxyz";
        List<String> grams = NameIndex.grams(needle);
        assertEquals(8, grams.size());
        assertEquals("abc", grams.get(0));
        assertEquals("xyz", grams.get(7));
        grams.forEach(g -> assertTrue(needle.contains(g), g));
    }
}
