package org.clouddisk.platform;

import jakarta.persistence.Query;

import java.util.List;
import java.util.StringJoiner;

/**
 * A JPQL {@code in} over a page of ids, written as a fixed number of single parameters.
 *
 * <p>Hibernate translates a query that binds a list to one parameter anew on every execution (the list's length is
 * part of its SQL): a fifth of WildFly's CPU in the profile of {@code /myfiles} at 64 connections. Written with one
 * of a few fixed widths, each width's SQL is translated once and then taken from the query plan cache; the slots past
 * the list's end repeat its last id, which changes nothing in an {@code in}.
 */
public final class IdSlots {

    /** The widths a list is padded to; the last is the most ids one query takes (a page holds at most 1,000). */
    private static final int[] WIDTHS = {16, 64, 256, 1024};
    private static final String PREFIX = "slot";

    private IdSlots() {
    }

    /** {@code path in (:slot0, …)} with room for {@code count} ids (1 or more). */
    public static String in(String path, int count) {
        int width = width(count);
        StringJoiner slots = new StringJoiner(", ", path + " in (", ")");
        for (int i = 0; i < width; i++) {
            slots.add(":" + PREFIX + i);
        }
        return slots.toString();
    }

    /** Binds the ids to the slots of {@link #in} written for {@code ids.size()}. */
    public static <Q extends Query> Q bind(Q query, List<?> ids) {
        int width = width(ids.size());
        for (int i = 0; i < width; i++) {
            query.setParameter(PREFIX + i, ids.get(Math.min(i, ids.size() - 1)));
        }
        return query;
    }

    private static int width(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an in needs at least one id");
        }
        for (int width : WIDTHS) {
            if (count <= width) {
                return width;
            }
        }
        throw new IllegalArgumentException(count + " ids are more than one query takes (" + WIDTHS[WIDTHS.length - 1]
                + ")");
    }
}
