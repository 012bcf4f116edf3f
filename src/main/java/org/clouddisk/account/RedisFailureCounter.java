package org.clouddisk.account;

import redis.clients.jedis.RedisClient;

import java.time.Duration;

/** Failure counts in Redis, shared by every node: INCR then PEXPIRE under clouddisk:login-failures:<key>. */
public class RedisFailureCounter implements FailureCounter {

    private static final String PREFIX = "clouddisk:login-failures:";

    private final RedisClient redis;

    public RedisFailureCounter(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public long add(String key, Duration window) {
        long n = redis.incr(PREFIX + key);
        redis.pexpire(PREFIX + key, window.toMillis());
        return n;
    }

    @Override
    public long count(String key) {
        String n = redis.get(PREFIX + key);
        return n == null ? 0 : Long.parseLong(n);
    }

    @Override
    public void clear(String key) {
        redis.del(PREFIX + key);
    }
}
