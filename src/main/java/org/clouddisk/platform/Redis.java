package org.clouddisk.platform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The one Redis connection pool of the application, when CLOUDDISK_REDIS_URL is set. Short timeouts and pool
 * validation (on borrow) make a Redis outage a quick, clean failure and make the pool recover by itself as soon as
 * Redis returns.
 */
@ApplicationScoped
public class Redis {

    private static final int TIMEOUT_MILLIS = 2000;

    @Inject
    Settings settings;

    private volatile RedisClient client;

    /** The pooled client, or empty when CloudDisk runs without Redis. */
    public Optional<RedisClient> client() {
        Optional<String> url = settings.redisUrl();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        RedisClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = connect(URI.create(url.get()));
                }
                c = client;
            }
        }
        return Optional.of(c);
    }

    /**
     * A connection of its own, outside the pool, for a subscription (which holds its connection for as long as it
     * lasts); empty when CloudDisk runs without Redis.
     */
    public Optional<Jedis> dedicatedConnection() {
        return settings.redisUrl().map(URI::create)
                .map(uri -> new Jedis(hostAndPort(uri), clientConfig(uri)));
    }

    static RedisClient connect(URI uri) {
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(128);
        pool.setMaxIdle(32);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
        // A restarted Redis leaves every idle pooled connection dead: without a check on borrow, each would fail
        // one command (a valid token refused with 111, a ranking read falling back) before the pool recovered.
        pool.setTestOnBorrow(true);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        return RedisClient.builder()
                .hostAndPort(hostAndPort(uri))
                .clientConfig(clientConfig(uri))
                .poolConfig(pool)
                .build();
    }

    private static HostAndPort hostAndPort(URI uri) {
        return new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
    }

    private static JedisClientConfig clientConfig(URI uri) {
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS);
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            } else {
                config.password(userInfo);
            }
        }
        return config.build();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
