package org.clouddisk.api;

import org.clouddisk.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @Test
    void defaultsToTheFirstHundred() {
        assertEquals(new Paging(0, 100), Paging.of(null, null));
        assertEquals(new Paging(0, 100), Paging.of("", ""));
        assertEquals(new Paging(5, 1000), Paging.of("5", "1000"));
        assertEquals(new Paging(Integer.MAX_VALUE, 1), Paging.of(Integer.toString(Integer.MAX_VALUE), "1"));
    }

    @Test
    void refusesValuesOutOfRangeOrNotWhole() {
        String[][] bad = {{"-1", null}, {"x", null}, {"1.0", null}, {"99999999999", null}, {null, "0"}, {null, "1001"},
                {null, "-5"}, {null, " 5"}};
        for (String[] b : bad) {
            assertThrows(InvalidRequestException.class, () -> Paging.of(b[0], b[1]), b[0] + " " + b[1]);
        }
    }
}
