package org.clouddisk.account;

import org.clouddisk.it.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two "nodes" (two caching token stores, each with its own subscription) on the test run's redis-server: a
 * revocation on one is refused by the other as soon as the revoking call returns, and a node whose subscription is
 * killed stops answering from memory until it has subscribed again. (No WildFly needed; ClusterIT and AccountsIT
 * prove the same through the deployed application.)
 */
class RedisTokenRevocationsIT {

    private static final long LEASE = 1_000;

    private RedisClient redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One node: a token store behind a cache; {@code asked} counts the questions that reached Redis. */
    private record Node(CachingTokenStore store, TokenCache cache, AtomicInteger asked) {
    }

    @BeforeEach
    void connect() {
        redis = RedisClient.create("127.0.0.1", TestEnvironment.redis().port());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        redis.close();
    }

    private Node node() {
        var asked = new AtomicInteger();
        TokenStore redisStore = new RedisTokenStore(redis, Duration.ofMinutes(1)) {
            @Override
            public Optional<String> userOf(String token) {
                asked.incrementAndGet();
                return super.userOf(token);
            }

            @Override
            public boolean touch(String user, String token) {
                asked.incrementAndGet();
                return super.touch(user, token);
            }
        };
        var cache = new TokenCache(() -> System.nanoTime() / 1_000_000, 5_000, LEASE);
        var revocations = new RedisTokenRevocations(cache, redis,
                () -> new Jedis("127.0.0.1", TestEnvironment.redis().port()), Executors.defaultThreadFactory())
                .start();
        var store = new CachingTokenStore(redisStore, cache, revocations);
        opened.add(store);
        awaitTrue(cache::trusted, "subscription confirmed");
        return new Node(store, cache, asked);
    }

    @Test
    void aRevocationOnOneNodeIsRefusedByTheOtherAtOnce() {
        Node a = node();
        Node b = node();
        for (int round = 0; round < 20; round++) {
            String user = "revoked" + round + "_" + System.nanoTime();
            String token = a.store().issue(user, "192.0.2.1");
            assertTrue(a.store().touch(user, token));
            assertEquals(Optional.of(user), b.store().userOf(token));
            int asked = a.asked().get();
            assertTrue(a.store().touch(user, token));
            assertEquals(asked, a.asked().get(), "answered from memory");

            b.store().revokeAll(user);
            assertFalse(a.store().touch(user, token), "round " + round + ": the other node refuses at once");
            assertEquals(Optional.empty(), b.store().userOf(token), "round " + round + ": the revoking node too");
        }
    }

    @Test
    void aKilledSubscriptionBypassesTheCacheUntilItIsBack() {
        Node a = node();
        Node b = node();
        String user = "killed_" + System.nanoTime();
        String token = a.store().issue(user, "192.0.2.1");
        assertTrue(a.store().touch(user, token));

        try (Jedis admin = new Jedis("127.0.0.1", TestEnvironment.redis().port())) {
            admin.clientKill(new ClientKillParams().type(ClientType.PUBSUB));
        }
        // both subscriptions are gone: a revocation now reaches neither node's subscription...
        awaitTrue(() -> !a.cache().trusted(), "subscription loss noticed");
        b.store().revokeAll(user);
        // ...and is still refused, as the caches were emptied and are bypassed until subscribed again
        assertFalse(a.store().touch(user, token));

        String other = "after_" + System.nanoTime();
        String live = a.store().issue(other, "192.0.2.1");
        awaitTrue(a.cache()::trusted, "subscribed again");
        assertTrue(a.store().touch(other, live));
        int asked = a.asked().get();
        assertTrue(a.store().touch(other, live));
        assertEquals(asked, a.asked().get(), "the cache is used again once the subscription is back");
        b.store().revokeAll(other);
        assertFalse(a.store().touch(other, live), "and revocations reach it again");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
