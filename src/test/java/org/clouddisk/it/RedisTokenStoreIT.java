package org.clouddisk.it;

import org.clouddisk.account.RedisTokenStore;
import org.clouddisk.account.TokenStore;
import org.clouddisk.account.TokenStoreUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis token store against the test run's redis-server (no WildFly needed). */
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
        String token = store.issue("mike");
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
    void namesTheUserOfALiveTokenAndRenewsIt() throws InterruptedException {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMillis(600));
        String token = store.issue("mike");
        assertEquals(Optional.of("mike"), store.userOf(token));
        assertEquals(Optional.empty(), store.userOf(token + "x"));
        Thread.sleep(400);
        assertEquals(Optional.of("mike"), store.userOf(token), "renewed by the previous lookup");
        Thread.sleep(400);
        assertTrue(store.touch("mike", token), "renewed by the lookup as a check would be");
        Thread.sleep(900);
        assertEquals(Optional.empty(), store.userOf(token), "idle longer than the lifetime");
    }

    @Test
    void failsClosedWhenRedisIsDown() throws Exception {
        TokenStore store = new RedisTokenStore(redis, Duration.ofMinutes(5));
        String token = store.issue("mike");
        TestEnvironment.redis().stop();
        try {
            assertFalse(store.touch("mike", token));
            assertThrows(TokenStoreUnavailableException.class, () -> store.userOf(token),
                    "a lookup tells an outage from an unknown token");
        } finally {
            TestEnvironment.redis().start();
        }
    }
}
