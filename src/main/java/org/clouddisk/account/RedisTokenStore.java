package org.clouddisk.account;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tokens in Redis, shared by every CloudDisk node: key {@code clouddisk:token:<sha-256 of the token>}, value the
 * user name, expiring after the idle lifetime, which each successful check starts again.
 */
public class RedisTokenStore implements TokenStore {

    private static final Logger LOG = Logger.getLogger(RedisTokenStore.class.getName());
    private static final String PREFIX = "clouddisk:token:";

    private final RedisClient redis;
    private final Duration ttl;

    public RedisTokenStore(RedisClient redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public String issue(String user) {
        String token = Tokens.newToken();
        try {
            redis.set(PREFIX + Tokens.digest(token), user, SetParams.setParams().px(ttl.toMillis()));
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException(e);
        }
        return token;
    }

    @Override
    public boolean touch(String user, String token) {
        String key = PREFIX + Tokens.digest(token);
        try {
            if (!user.equals(redis.get(key))) {
                return false;
            }
            redis.pexpire(key, ttl.toMillis());
            return true;
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Redis unavailable, token check fails closed: {0}", e.toString());
            return false;
        }
    }

    @Override
    public Optional<String> userOf(String token) {
        try {
            return Optional.ofNullable(redis.getEx(PREFIX + Tokens.digest(token),
                    GetExParams.getExParams().px(ttl.toMillis())));
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException(e);
        }
    }
}
