package org.clouddisk.api;

import org.clouddisk.web.InvalidRequestException;

/**
 * A page request of a v2 list: {@code offset} ≥ 0 (default 0), {@code limit} 1..1000 (default 100). Read from the
 * query strings by hand, so that a bad value answers 400 invalid (JAX-RS answers 404 to unconvertible parameters).
 */
public record Paging(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(String offset, String limit) {
        return new Paging(number("offset", offset, 0, 0, Integer.MAX_VALUE),
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    private static int number(String name, String text, int absent, int min, int max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(name + " must be a whole number from " + min + " to " + max);
    }
}
