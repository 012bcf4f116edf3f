package org.clouddisk.platform;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodeTest {

    @Test
    void theClassicDialectSpellsOnlyTheMd5AnswersDifferently() {
        assertEquals("005", Code.ALREADY_OWNED.wire(Dialect.CLASSIC));
        assertEquals("006", Code.INSTANT_UPLOADED.wire(Dialect.CLASSIC));
        assertEquals("007", Code.CONTENT_UNKNOWN.wire(Dialect.CLASSIC));
        assertEquals("004", Code.ALREADY_OWNED.wire(Dialect.SEED));
        assertEquals("005", Code.INSTANT_UPLOADED.wire(Dialect.SEED));
        assertEquals("006", Code.CONTENT_UNKNOWN.wire(Dialect.SEED));
        assertEquals(3, Arrays.stream(Code.values())
                .filter(c -> !c.wire(Dialect.SEED).equals(c.wire(Dialect.CLASSIC))).count());
    }

    @Test
    void dialectsAreNamedInAnyCaseAndNothingElseIsOne() {
        assertEquals(Dialect.CLASSIC, Dialect.named(" Classic ").orElseThrow());
        assertEquals(Dialect.SEED, Dialect.named("SEED").orElseThrow());
        assertEquals(true, Dialect.named("qt").isEmpty());
        assertEquals(true, Dialect.named(null).isEmpty());
    }
}
