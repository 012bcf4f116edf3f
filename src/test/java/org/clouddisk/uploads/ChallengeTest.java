package org.clouddisk.uploads;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChallengeTest {

    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private final SecureRandom random = new SecureRandom();

    private Challenge issue(long size) {
        return Challenge.issue(random, "mike", "d1", "a.bin", MD5, size, Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void rangesLieInsideTheFileAndAreAtMost64KiB() {
        for (long size : new long[]{1, 100, 16 * 1024, 64 * 1024, 64 * 1024 + 1, 1 << 20, 5L << 30}) {
            for (int i = 0; i < 200; i++) {
                Challenge c = issue(size);
                assertTrue(c.ranges().size() >= 3);
                for (Challenge.Range r : c.ranges()) {
                    assertTrue(r.offset() >= 0 && r.length() > 0 && r.length() <= 64 * 1024
                            && r.offset() + r.length() <= size, r + " in " + size);
                }
            }
        }
    }

    @Test
    void idsNoncesAndRangesAreRandomPerChallenge() {
        Set<String> ids = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        Set<Object> ranges = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Challenge c = issue(1L << 30);
            assertTrue(Challenge.isWellFormedId(c.id()), c.id());
            assertEquals(32, c.nonceBytes().length);
            ids.add(c.id());
            nonces.add(c.nonce());
            ranges.add(c.ranges());
        }
        assertEquals(100, ids.size());
        assertEquals(100, nonces.size());
        assertEquals(100, ranges.size());
    }

    @Test
    void survivesItsJsonForm() {
        Challenge c = Challenge.issue(random, "a \"quoted\" user:x", "d42", "naïve \\ name.txt", MD5, 3L << 30,
                Instant.ofEpochMilli(1_700_000_000_123L));
        assertEquals(c, Challenge.fromJson(c.toJson()));
    }

    @Test
    void idsHaveOneShape() {
        assertFalse(Challenge.isWellFormedId(null));
        assertFalse(Challenge.isWellFormedId(""));
        assertFalse(Challenge.isWellFormedId("0".repeat(31)));
        assertFalse(Challenge.isWellFormedId("A".repeat(32)));
        assertFalse(Challenge.isWellFormedId("0".repeat(32) + ":x"));
        assertTrue(Challenge.isWellFormedId("0123456789abcdef".repeat(2)));
    }
}
