package org.clouddisk.account;

import org.clouddisk.testing.ManualClock;
import org.clouddisk.testing.TokenStoreRaces;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryTokenStoreTest {

    private final ManualClock clock = new ManualClock();
    private final TokenStore store = new InMemoryTokenStore(Duration.ofMinutes(30), clock);

    @Test
    void aTokenIsValidOnlyForItsUser() {
        String token = store.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        assertFalse(store.touch("yoyo", token));
        assertFalse(store.touch("mike", token + "x"));
        assertFalse(store.touch("mike", "unknown"));
    }

    @Test
    void revokingAllOfAUsersTokensLeavesOtherUsersLoggedIn() {
        String phone = store.issue("mike", "192.0.2.1");
        String laptop = store.issue("mike", "192.0.2.2");
        String other = store.issue("yoyo", "192.0.2.1");
        store.revokeAll("mike");
        assertFalse(store.touch("mike", phone));
        assertFalse(store.touch("mike", laptop));
        assertFalse(store.hasLiveLoginFrom("mike", "192.0.2.1"));
        assertTrue(store.touch("yoyo", other));
    }

    @Test
    void revokingAllWhileTokensAreIssuedEndsEveryTokenIssuedBefore() throws Exception {
        TokenStoreRaces.assertRevokeAllEndsEveryTokenIssuedBefore(store, "mike", "yoyo", 50);
    }

    @Test
    void aLiveTokenNamesItsUserAndEachLookupRenewsIt() {
        String token = store.issue("mike", "192.0.2.1");
        assertEquals(Optional.of("mike"), store.userOf(token));
        assertEquals(Optional.empty(), store.userOf(token + "x"));
        clock.advance(Duration.ofMinutes(29));
        assertEquals(Optional.of("mike"), store.userOf(token));
        clock.advance(Duration.ofMinutes(29));
        assertEquals(Optional.of("mike"), store.userOf(token), "the lookup above started the idle time again");
        clock.advance(Duration.ofMinutes(31));
        assertEquals(Optional.empty(), store.userOf(token), "idle for longer than the lifetime");
    }

    @Test
    void expiresAfterTheIdleTimeAndUseRenewsIt() {
        String token = store.issue("mike", "192.0.2.1");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.touch("mike", token), "used before the idle time ends");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.touch("mike", token), "the use above started the idle time again");
        clock.advance(Duration.ofMinutes(31));
        assertFalse(store.touch("mike", token), "idle for longer than the lifetime");
        assertFalse(store.touch("mike", token), "an expired token stays dead");
    }

    @Test
    void severalDevicesHoldTheirOwnTokens() {
        String phone = store.issue("mike", "192.0.2.1");
        String laptop = store.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", phone));
        assertTrue(store.touch("mike", laptop));
    }

    @Test
    void tokensAreLongAndDistinct() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String token = store.issue("u", "192.0.2.1");
            assertEquals(43, token.length(), "256 random bits in base64url");
            assertTrue(seen.add(token));
        }
    }

    @Test
    void remembersWhichAddressEachLiveLoginCameFrom() {
        String phone = store.issue("mike", "192.0.2.1");
        store.issue("mike", "2001:db8::7");
        store.issue("yoyo", "198.51.100.4");
        assertTrue(store.hasLiveLoginFrom("mike", "192.0.2.1"));
        assertTrue(store.hasLiveLoginFrom("mike", "2001:db8::7"));
        assertFalse(store.hasLiveLoginFrom("mike", "198.51.100.4"), "another user's address");
        assertFalse(store.hasLiveLoginFrom("yoyo", "192.0.2.1"));
        clock.advance(Duration.ofMinutes(20));
        assertTrue(store.touch("mike", phone));
        clock.advance(Duration.ofMinutes(20));
        assertTrue(store.hasLiveLoginFrom("mike", "192.0.2.1"), "kept alive by its use");
        assertFalse(store.hasLiveLoginFrom("mike", "2001:db8::7"), "that login expired unused");
    }
}
