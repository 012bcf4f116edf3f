package org.clouddisk.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where to read a page of an ordered list whose length is known: from the list's start, or, for a page in its second
 * half, from its other end in the reversed order.
 *
 * <p>An offset costs a walk over every index entry it skips, so the last page of 100,000 rows read from the first
 * end took ten times the first page; read from the other end it costs what the first page does. The length and the
 * page are two reads, as a page and its total always were: a change between them shifts such a page by its size,
 * as it shifts any offset page.
 *
 * @param offset   the offset to read at, in the reversed order when {@code fromEnd}
 * @param length   how many rows to read (0: the page lies past the list's end)
 * @param fromEnd  whether to read in the reversed order and {@linkplain #inListOrder turn the rows back}
 */
public record PageWindow(int offset, int length, boolean fromEnd) {

    /** The page of up to {@code count} rows at {@code start} of a list of {@code total} rows. */
    public static PageWindow of(long start, int count, long total) {
        if (start >= total || count <= 0) {
            return new PageWindow(0, 0, false);
        }
        if (start <= total / 2) {
            return new PageWindow((int) start, count, false);
        }
        long end = Math.min(start + count, total);
        return new PageWindow((int) (total - end), (int) (end - start), true);
    }

    /** The first page, which needs no length: it is always read from the start. */
    public static PageWindow first(int count) {
        return new PageWindow(0, Math.max(count, 0), false);
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The rows read through this window, in the list's own order. */
    public <T> List<T> inListOrder(List<T> rows) {
        if (!fromEnd) {
            return rows;
        }
        List<T> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        return reversed;
    }
}
