package org.clouddisk.account;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryTokenStoreTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final TokenStore store = new InMemoryTokenStore(Duration.ofMinutes(30), clock);

    @Test
    void aTokenIsValidOnlyForItsUser() {
        String token = store.issue("mike");
        assertTrue(store.touch("mike", token));
        assertFalse(store.touch("yoyo", token));
        assertFalse(store.touch("mike", token + "x"));
        assertFalse(store.touch("mike", "unknown"));
    }

    @Test
    void aLiveTokenNamesItsUserAndEachLookupRenewsIt() {
        String token = store.issue("mike");
        assertEquals(Optional.of("mike"), store.userOf(token));
        assertEquals(Optional.empty(), store.userOf(token + "x"));
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertEquals(Optional.of("mike"), store.userOf(token));
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertEquals(Optional.of("mike"), store.userOf(token), "the lookup above started the idle time again");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertEquals(Optional.empty(), store.userOf(token), "idle for longer than the lifetime");
    }

    @Test
    void expiresAfterTheIdleTimeAndUseRenewsIt() {
        String token = store.issue("mike");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(store.touch("mike", token), "used before the idle time ends");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(store.touch("mike", token), "the use above started the idle time again");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertFalse(store.touch("mike", token), "idle for longer than the lifetime");
        assertFalse(store.touch("mike", token), "an expired token stays dead");
    }

    @Test
    void severalDevicesHoldTheirOwnTokens() {
        String phone = store.issue("mike");
        String laptop = store.issue("mike");
        assertTrue(store.touch("mike", phone));
        assertTrue(store.touch("mike", laptop));
    }

    @Test
    void tokensAreLongAndDistinct() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String token = store.issue("u");
            assertEquals(43, token.length(), "256 random bits in base64url");
            assertTrue(seen.add(token));
        }
    }
}
