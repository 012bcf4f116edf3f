package org.clouddisk.account;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.clouddisk.platform.Redis;
import org.clouddisk.platform.Settings;
import redis.clients.jedis.RedisClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Chooses the token store and the login failure counts from configuration: Redis when CLOUDDISK_REDIS_URL is set
 * (shared by every node), in-process otherwise.
 */
@ApplicationScoped
public class AccountInfrastructure {

    /** How long a node trusts its token cache after the last answered ping on the revocation subscription. */
    public static final Duration REVOCATION_LEASE = Duration.ofSeconds(1);
    /** How long a token Redis confirmed is taken as live without asking again (at most a quarter of the TTL). */
    public static final Duration TOKEN_REFRESH = Duration.ofSeconds(5);

    @Resource
    ManagedThreadFactory threads;

    /**
     * With Redis, the tokens live there and each node caches the checks ({@link CachingTokenStore}), kept correct by
     * the revocation subscription.
     */
    @Produces
    @ApplicationScoped
    TokenStore tokenStore(Settings settings, Redis redis) {
        return redis.client()
                .<TokenStore>map(client -> cached(new RedisTokenStore(client, settings.tokenTtl()), client, redis,
                        settings.tokenTtl()))
                .orElseGet(() -> new InMemoryTokenStore(settings.tokenTtl(), Clock.systemUTC()));
    }

    private TokenStore cached(TokenStore store, RedisClient client, Redis redis, Duration ttl) {
        Duration refresh = TOKEN_REFRESH.compareTo(ttl.dividedBy(4)) < 0 ? TOKEN_REFRESH : ttl.dividedBy(4);
        var cache = new TokenCache(() -> System.nanoTime() / 1_000_000, refresh.toMillis(),
                REVOCATION_LEASE.toMillis());
        var revocations = new RedisTokenRevocations(cache, client,
                () -> redis.dedicatedConnection().orElseThrow(), threads).start();
        return new CachingTokenStore(store, cache, revocations);
    }

    void close(@Disposes TokenStore store) {
        if (store instanceof CachingTokenStore cachingStore) {
            cachingStore.close();
        }
    }

    @Produces
    @Singleton // a plain class with final fields: no client proxy
    LoginThrottle loginThrottle(Settings settings, Redis redis) {
        FailureCounter counter = redis.client().<FailureCounter>map(RedisFailureCounter::new)
                .orElseGet(() -> new InMemoryFailureCounter(Clock.systemUTC()));
        return new LoginThrottle(counter, settings.loginMaxFailures(), settings.loginMaxFailuresPerAddress());
    }
}
