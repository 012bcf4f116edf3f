package org.clouddisk.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as the v2 API answers them. */
public final class Times {

    private Times() {
    }

    /** Rows keep the server's local time (as the seed's protocol shows it); the API answers ISO-8601 UTC. */
    public static String utc(LocalDateTime time) {
        return utc(time.atZone(ZoneId.systemDefault()).toInstant());
    }

    public static String utc(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
