package org.clouddisk.api;

import java.util.List;

/** A page of a v2 list: {"items":[...],"total":n}. */
public record Page<T>(List<T> items, long total) {

    /**
     * JSON-B hashes every object it writes, twice (its recursion check keeps the objects being written in a hash set),
     * and a record's own hash walks every component: here every item's every field, for each answer. A page hashes
     * by its length and total instead (equal pages still hash alike); the records it holds do the same.
     */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(total) + items.size();
    }
}
