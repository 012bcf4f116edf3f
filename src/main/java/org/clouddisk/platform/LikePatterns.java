package org.clouddisk.platform;

import java.util.Locale;

/** LIKE patterns for a text a user typed, in which LIKE's wildcards match themselves. */
public final class LikePatterns {

    /** The escape character of the patterns: write {@code like :pattern escape '!'}. */
    public static final char ESCAPE = '!';

    private LikePatterns() {
    }

    /** Matches a lowercased column value that contains {@code text} in any case. */
    public static String containingLowercase(String text) {
        return "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
