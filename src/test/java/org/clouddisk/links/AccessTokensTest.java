package org.clouddisk.links;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTokensTest {

    private static final String LINK = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String HASH = "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aTokenWorksForItsLinkUntilItExpires() {
        String token = AccessTokens.issue(LINK, HASH, NOW);
        assertTrue(AccessTokens.isValid(token, LINK, HASH, NOW));
        assertTrue(AccessTokens.isValid(token, LINK, HASH, NOW.plus(AccessTokens.LIFETIME).minusSeconds(1)));
        assertFalse(AccessTokens.isValid(token, LINK, HASH, NOW.plus(AccessTokens.LIFETIME)), "expired");
    }

    @Test
    void aTokenIsBoundToItsLinkAndPasswordHash() {
        String token = AccessTokens.issue(LINK, HASH, NOW);
        assertFalse(AccessTokens.isValid(token, "BBBBBBBBBBBBBBBBBBBBBB", HASH, NOW), "another link");
        assertFalse(AccessTokens.isValid(token, LINK, HASH.replace("c2FsdA", "c2FsdB"), NOW), "another password");
        assertNotEquals(token, AccessTokens.issue("BBBBBBBBBBBBBBBBBBBBBB", HASH, NOW));
    }

    @Test
    void forgedAndMalformedTokensAreRefused() {
        String token = AccessTokens.issue(LINK, HASH, NOW);
        String[] parts = token.split("\\.");
        String longer = (Long.parseLong(parts[0]) + 3600) + "." + parts[1];
        char last = parts[1].charAt(parts[1].length() - 1);
        String flipped = parts[0] + "." + parts[1].substring(0, parts[1].length() - 1) + (last == 'x' ? 'y' : 'x');
        for (String forged : new String[]{longer, flipped, null, "", ".", parts[1], token + "0", "x".repeat(10_000),
                "-1." + parts[1], "99999999999999999999." + parts[1]}) {
            assertFalse(AccessTokens.isValid(forged, LINK, HASH, NOW), String.valueOf(forged));
        }
    }
}
