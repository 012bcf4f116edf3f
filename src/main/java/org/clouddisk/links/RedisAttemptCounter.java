package org.clouddisk.links;

import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.List;

/**
 * Attempt counts in Redis, shared by every node: key {@code clouddisk:link-attempts:<key>}, value the count, expiring
 * a window after the last attempt counted. Each operation is one Lua script, which Redis runs atomically: of
 * attempts racing for the last free one, one gets it.
 */
final class RedisAttemptCounter implements AttemptCounter {

    private static final String PREFIX = "clouddisk:link-attempts:";

    /** KEYS: the count; ARGV: max, window ms. */
    private static final String RESERVE = """
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            if count >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** KEYS: the count. DECR keeps the expiry; an expired count is not brought back (as -1, for ever). */
    private static final String RELEASE = """
            if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
              redis.call('DECR', KEYS[1])
            end
            return 1
            """;

    private final RedisClient redis;

    RedisAttemptCounter(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public boolean reserve(String key, int max, Duration window) {
        return Long.valueOf(1).equals(redis.eval(RESERVE, List.of(PREFIX + key),
                List.of(Integer.toString(max), Long.toString(window.toMillis()))));
    }

    @Override
    public void release(String key) {
        redis.eval(RELEASE, List.of(PREFIX + key), List.of());
    }
}
