package org.clouddisk.platform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageWindowTest {

    @Test
    void everyPageReadThroughTheWindowIsThatSliceOfTheList() {
        for (int total = 0; total <= 12; total++) {
            List<Integer> list = IntStream.range(0, total).boxed().toList();
            List<Integer> reversed = new ArrayList<>(list);
            Collections.reverse(reversed);
            for (int start = 0; start <= total + 2; start++) {
                for (int count = 1; count <= 5; count++) {
                    PageWindow window = PageWindow.of(start, count, total);
                    List<Integer> source = window.fromEnd() ? reversed : list;
                    List<Integer> read = source.subList(Math.min(window.offset(), total),
                            Math.min(window.offset() + window.length(), total));
                    String slice = "start " + start + ", count " + count + " of " + total;
                    assertEquals(list.subList(Math.min(start, total), Math.min(start + count, total)),
                            window.inListOrder(read), slice);
                    assertEquals(window.isEmpty(), start >= total, slice);
                }
            }
        }
    }

    @Test
    void onlyAPageInTheSecondHalfIsReadFromTheOtherEnd() {
        assertFalse(PageWindow.of(0, 10, 100_000).fromEnd());
        assertFalse(PageWindow.of(50_000, 10, 100_000).fromEnd());
        assertTrue(PageWindow.of(50_001, 10, 100_000).fromEnd());
        assertEquals(new PageWindow(0, 10, true), PageWindow.of(99_990, 10, 100_000));
        assertEquals(new PageWindow(0, 3, true), PageWindow.of(99_997, 10, 100_000));
    }

    @Test
    void theFirstPageNeedsNoLength() {
        assertEquals(new PageWindow(0, 10, false), PageWindow.first(10));
        assertTrue(PageWindow.first(0).isEmpty());
    }
}
