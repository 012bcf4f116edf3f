package org.clouddisk.it;

import org.clouddisk.account.RedisTokenStore;
import org.clouddisk.account.TokenStore;
import org.clouddisk.account.TokenStoreUnavailableException;
import org.clouddisk.files.RedisUploadPermits;
import org.clouddisk.files.UploadPermits;
import org.clouddisk.testing.TokenStoreRaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis token store and upload permits against the test run's redis-server (no WildFly needed). */
class RedisTokenStoreIT {

    private static RedisClient redis;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create("127.0.0.1", TestEnvironment.redis().port());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void validForItsUserUntilIdleForTheLifetime() throws InterruptedException {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMillis(600));
        String token = store.issue("mike", "192.0.2.1");
        assertTrue(store.touch("mike", token));
        assertFalse(store.touch("yoyo", token));
        Thread.sleep(400);
        assertTrue(store.touch("mike", token), "renewed by the previous use");
        Thread.sleep(400);
        assertTrue(store.touch("mike", token), "renewed again");
        Thread.sleep(900);
        assertFalse(store.touch("mike", token), "idle longer than the lifetime");
    }

    @Test
    void revokingAllOfAUsersTokensLeavesOtherUsersLoggedIn() {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMinutes(1));
        String user = CloudDiskClient.uniqueName("revoked");
        String other = CloudDiskClient.uniqueName("kept");
        String phone = store.issue(user, "192.0.2.1");
        String laptop = store.issue(user, "192.0.2.2");
        String kept = store.issue(other, "192.0.2.1");
        store.revokeAll(user);
        assertEquals(Optional.empty(), store.userOf(phone));
        assertEquals(Optional.empty(), store.userOf(laptop));
        assertFalse(store.hasLiveLoginFrom(user, "192.0.2.1"));
        assertEquals(Optional.of(other), store.userOf(kept));
    }

    /**
     * With a client of its own: its pooled connections would otherwise outlive the restart in
     * {@link #failsClosedWhenRedisIsDown} and break the next test's first command.
     */
    @Test
    void revokingAllWhileTokensAreIssuedEndsEveryTokenIssuedBefore() throws Exception {
        try (RedisClient racing = RedisClient.create("127.0.0.1", TestEnvironment.redis().port())) {
            TokenStoreRaces.assertRevokeAllEndsEveryTokenIssuedBefore(new RedisTokenStore(racing, Duration.ofMinutes(1)),
                    CloudDiskClient.uniqueName("racing"), CloudDiskClient.uniqueName("beside"), 10);
        }
    }

    @Test
    void namesTheUserOfALiveTokenAndRenewsIt() throws InterruptedException {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMillis(600));
        String user = CloudDiskClient.uniqueName("bearer");
        String token = store.issue(user, "192.0.2.1");
        assertEquals(Optional.of(user), store.userOf(token));
        assertEquals(Optional.empty(), store.userOf(token + "x"));
        Thread.sleep(400);
        assertEquals(Optional.of(user), store.userOf(token), "renewed by the previous lookup");
        Thread.sleep(400);
        assertTrue(store.touch(user, token), "renewed by the lookup as a check would be");
        assertTrue(store.hasLiveLoginFrom(user, "192.0.2.1"), "the login's address renewed with it");
        Thread.sleep(900);
        assertEquals(Optional.empty(), store.userOf(token), "idle longer than the lifetime");
    }

    @Test
    void failsClosedWhenRedisIsDown() throws Exception {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMinutes(5));
        String token = store.issue("mike", "192.0.2.1");
        TestEnvironment.redis().stop();
        try {
            assertFalse(store.touch("mike", token));
            assertThrows(TokenStoreUnavailableException.class, () -> store.userOf(token),
                    "a lookup tells an outage from an unknown token");
        } finally {
            TestEnvironment.redis().start();
        }
    }

    @Test
    void remembersTheAddressOfEachLiveLoginAndForgetsExpiredOnes() throws InterruptedException {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMillis(700));
        String user = CloudDiskClient.uniqueName("addr");
        String phone = store.issue(user, "192.0.2.1");
        store.issue(user, "2001:db8::7");
        assertTrue(store.hasLiveLoginFrom(user, "192.0.2.1"));
        assertTrue(store.hasLiveLoginFrom(user, "2001:db8::7"));
        assertFalse(store.hasLiveLoginFrom(user, "198.51.100.4"));
        assertFalse(store.hasLiveLoginFrom(user + "x", "192.0.2.1"));
        Thread.sleep(450);
        assertTrue(store.touch(user, phone));
        Thread.sleep(450);
        assertTrue(store.hasLiveLoginFrom(user, "192.0.2.1"), "kept alive by its use");
        assertFalse(store.hasLiveLoginFrom(user, "2001:db8::7"), "that login expired unused");
        assertEquals(1, redis.hlen("clouddisk:logins:" + user), "the expired login's entry is gone");
        Thread.sleep(800);
        assertFalse(store.hasLiveLoginFrom(user, "192.0.2.1"));
        assertFalse(redis.exists("clouddisk:logins:" + user), "nothing left behind once every login expired");
    }

    @Test
    void anUploadPermitIsClaimedOnceAndGivenBackUntilItsExpiry() {
        UploadPermits permits = new RedisUploadPermits(redis, Clock.systemUTC());
        var subject = new UploadPermits.Subject(CloudDiskClient.uniqueName("permit"), "0123456789abcdef0123456789abcdef", "a.jpg");
        assertTrue(permits.claim(subject).isEmpty(), "never granted");
        permits.grant(subject);
        long ttl = redis.pttl("clouddisk:upload-permit:" + subject.digest());
        assertTrue(ttl > UploadPermits.LIFETIME.toMillis() - 60_000 && ttl <= UploadPermits.LIFETIME.toMillis(), "ttl " + ttl);
        Instant expires = permits.claim(subject).orElseThrow();
        assertTrue(permits.claim(subject).isEmpty(), "single use");
        permits.restore(subject, expires);
        assertEquals(expires, permits.claim(subject).orElseThrow());
        permits.restore(subject, Instant.now().minusSeconds(1));
        assertTrue(permits.claim(subject).isEmpty(), "an expired permit is not given back");
    }
}
