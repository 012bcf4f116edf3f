package org.clouddisk.account;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token cache's rules with a hand-moved clock and a store that counts the questions it is asked: what is
 * answered from memory, and when the cache is emptied or bypassed (revocations, a lost or silent subscription).
 */
class CachingTokenStoreTest {

    private static final long REFRESH = 5_000;
    private static final long LEASE = 1_000;

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final TokenCache cache = new TokenCache(millis::get, REFRESH, LEASE);
    private final CountingStore backing = new CountingStore();
    private final List<String> announced = new ArrayList<>();
    private final TokenStore store = new CachingTokenStore(backing, cache, new TokenRevocations() {
        @Override
        public void announce() {
            announced.add("revocation");
        }

        @Override
        public void close() {
        }
    });

    /** A subscription in place and a ping on it answered now. */
    private void confirmSubscription() {
        cache.subscribed();
        cache.pingSent();
        cache.pongReceived();
    }

    @Test
    void aConfirmedTokenIsAnsweredFromMemoryUntilTheRefreshInterval() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        assertEquals(Optional.of("mike"), store.userOf(token));
        assertEquals(1, backing.questions);
        assertEquals(Optional.of("mike"), store.userOf(token));
        assertTrue(store.touch("mike", token));
        assertFalse(store.touch("yoyo", token), "another user's token, answered from memory too");
        assertEquals(1, backing.questions);

        millis.addAndGet(LEASE / 2);
        cache.pingSent();
        cache.pongReceived();
        millis.addAndGet(REFRESH - LEASE / 2);
        cache.pingSent();
        cache.pongReceived();
        assertTrue(store.touch("mike", token), "asked again after the refresh interval (renewing it in the store)");
        assertEquals(2, backing.questions);
    }

    @Test
    void unknownTokensAreAlwaysAskedFor() {
        confirmSubscription();
        assertEquals(Optional.empty(), store.userOf("nobody's"));
        assertEquals(Optional.empty(), store.userOf("nobody's"));
        assertFalse(store.touch("mike", "nobody's"));
        assertEquals(3, backing.questions);
    }

    @Test
    void revokingEmptiesTheCacheAndAnnouncesIt() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        store.revokeAll("mike");
        assertEquals(List.of("revocation"), announced);
        assertFalse(store.touch("mike", token), "refused at once on the revoking node");
        assertEquals(Optional.empty(), store.userOf(token));
    }

    @Test
    void aRevocationAnnouncedByAnotherNodeEmptiesTheCache() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        backing.revokeAll("mike"); // another node revoked in Redis, then its message arrived here:
        cache.flush();
        assertFalse(store.touch("mike", token));
    }

    @Test
    void aCheckThatRacedARevocationIsNotRemembered() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        TokenCache.Check check = cache.begin(); // Redis answered "live" just before the revocation...
        cache.flush();                           // ...whose message arrived before the answer was remembered
        cache.remember(Tokens.digest(token), "mike", check);
        assertEquals(Optional.empty(), cache.user(Tokens.digest(token)));
    }

    @Test
    void nothingIsCachedBeforeTheSubscriptionIsConfirmed() {
        String token = backing.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        assertTrue(store.touch("mike", token));
        assertEquals(2, backing.questions, "no subscription: every check asks the store");
        cache.subscribed();
        assertTrue(store.touch("mike", token));
        assertTrue(store.touch("mike", token));
        assertEquals(4, backing.questions, "subscribed but no ping answered yet");
        cache.pingSent();
        cache.pongReceived();
        assertTrue(store.touch("mike", token));
        assertTrue(store.touch("mike", token));
        assertEquals(5, backing.questions);
    }

    @Test
    void aLostSubscriptionEmptiesTheCacheAndBypassesItUntilConfirmedAgain() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        cache.lost();
        backing.revokeAll("mike"); // its announcement is missed while the subscription is down
        assertFalse(store.touch("mike", token), "bypassed while the subscription is down");
        String other = backing.issue("yoyo", "192.0.2.1");
        assertTrue(store.touch("yoyo", other));
        int asked = backing.questions;
        confirmSubscription();
        assertTrue(store.touch("yoyo", other), "nothing remembered while the subscription was down");
        assertEquals(asked + 1, backing.questions);
    }

    @Test
    void aSilentSubscriptionStopsBeingTrustedAfterTheLease() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        cache.pingSent(); // never answered: the connection went quiet
        millis.addAndGet(LEASE - 1);
        assertTrue(store.touch("mike", token));
        assertEquals(1, backing.questions, "still within the lease of the last answered ping");
        millis.addAndGet(1);
        backing.revokeAll("mike");
        assertFalse(store.touch("mike", token), "a revocation it may have missed is asked for once the lease ends");
        assertEquals(2, backing.questions);
    }

    @Test
    void aPongConfirmsOnlyAsOfItsOwnPing() {
        confirmSubscription();
        cache.pingSent();               // sent at t
        millis.addAndGet(LEASE - 10);
        cache.pingSent();               // sent at t + lease - 10, still unanswered
        cache.pongReceived();           // answers the ping sent at t
        millis.addAndGet(10);
        assertFalse(cache.trusted(), "the answered ping is a lease old, whatever came after it");
        cache.pongReceived();
        assertTrue(cache.trusted());
    }

    @Test
    void pingsLostWithAConnectionDoNotConfirmTheNextOne() {
        confirmSubscription();
        cache.pingSent();
        cache.lost();
        millis.addAndGet(LEASE);
        cache.subscribed();
        cache.pongReceived(); // a late answer that belongs to no ping of this subscription
        assertFalse(cache.trusted());
    }

    @Test
    void pruningDropsEntriesTooOldToBeUsed() {
        confirmSubscription();
        String token = backing.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        millis.addAndGet(REFRESH);
        cache.prune();
        millis.addAndGet(-REFRESH); // even with the clock back, the entry is gone
        assertTrue(store.touch("mike", token));
        assertEquals(2, backing.questions);
    }

    /** An in-memory store that counts the token questions reaching it. */
    private static final class CountingStore implements TokenStore {
        private final InMemoryTokenStore tokens =
                new InMemoryTokenStore(java.time.Duration.ofDays(1), java.time.Clock.systemUTC());
        int questions;

        @Override
        public String issue(String user, String address) {
            return tokens.issue(user, address);
        }

        @Override
        public boolean touch(String user, String token) {
            questions++;
            return tokens.touch(user, token);
        }

        @Override
        public boolean hasLiveLoginFrom(String user, String address) {
            return tokens.hasLiveLoginFrom(user, address);
        }

        @Override
        public Optional<String> userOf(String token) {
            questions++;
            return tokens.userOf(token);
        }

        @Override
        public void revokeAll(String user) {
            tokens.revokeAll(user);
        }
    }
}
