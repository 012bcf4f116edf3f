package org.clouddisk.account;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tokens in Redis, shared by every CloudDisk node: key {@code clouddisk:token:<sha-256 of the token>}, value the
 * user name, expiring after the idle lifetime, which each successful check starts again. Beside them, per user,
 * the hash {@code clouddisk:logins:<user>} maps each token digest to the address it was issued to; it lives as long
 * as the user's newest activity and loses the entries of expired tokens whenever it is read or added to.
 * Each operation is one Lua script: one round trip, and no half-issued token. (The scripts touch token keys they
 * derive, which a Redis Cluster would refuse; CloudDisk uses one Redis, with Sentinel for failover.)
 */
public class RedisTokenStore implements TokenStore {

    private static final Logger LOG = Logger.getLogger(RedisTokenStore.class.getName());
    private static final String TOKEN = "clouddisk:token:";
    private static final String LOGINS = "clouddisk:logins:";

    /** Drops the logins whose token expired, then tells whether a live one came from ARGV[2]. */
    private static final String PRUNE = """
            local found = 0
            local logins = redis.call('HGETALL', KEYS[1])
            for i = 1, #logins, 2 do
              if redis.call('EXISTS', ARGV[1] .. logins[i]) == 0 then
                redis.call('HDEL', KEYS[1], logins[i])
              elseif logins[i + 1] == ARGV[2] then
                found = 1
              end
            end
            """;

    /** KEYS: logins, token; ARGV: token prefix, address, user, ttl ms, digest. */
    private static final String ISSUE = PRUNE + """
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
            redis.call('HSET', KEYS[1], ARGV[5], ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """;

    /** KEYS: logins, token; ARGV: user, ttl ms. */
    private static final String TOUCH = """
            if redis.call('GET', KEYS[2]) ~= ARGV[1] then
              return 0
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** KEYS: token; ARGV: logins prefix, ttl ms. Answers the token's user, or nil. */
    private static final String USER_OF = """
            local user = redis.call('GET', KEYS[1])
            if not user then
              return nil
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PEXPIRE', ARGV[1] .. user, ARGV[2])
            return user
            """;

    /** KEYS: logins; ARGV: token prefix, address. */
    private static final String LIVE_FROM = PRUNE + "return found";

    /** KEYS: logins; ARGV: token prefix. Every token listed in the user's logins goes, then the list. */
    private static final String REVOKE_ALL = """
            for _, digest in ipairs(redis.call('HKEYS', KEYS[1])) do
              redis.call('DEL', ARGV[1] .. digest)
            end
            redis.call('DEL', KEYS[1])
            return 1
            """;

    private final RedisClient redis;
    private final Duration ttl;

    public RedisTokenStore(RedisClient redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public String issue(String user, String address) {
        String token = Tokens.newToken();
        String digest = Tokens.digest(token);
        try {
            redis.eval(ISSUE, List.of(LOGINS + user, TOKEN + digest),
                    List.of(TOKEN, address, user, Long.toString(ttl.toMillis()), digest));
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException(e);
        }
        return token;
    }

    @Override
    public boolean touch(String user, String token) {
        return ask("token check", TOUCH, List.of(LOGINS + user, TOKEN + Tokens.digest(token)),
                List.of(user, Long.toString(ttl.toMillis())));
    }

    @Override
    public boolean hasLiveLoginFrom(String user, String address) {
        return ask("login address check", LIVE_FROM, List.of(LOGINS + user), List.of(TOKEN, address));
    }

    @Override
    public Optional<String> userOf(String token) {
        try {
            return Optional.ofNullable((String) redis.eval(USER_OF, List.of(TOKEN + Tokens.digest(token)),
                    List.of(LOGINS, Long.toString(ttl.toMillis()))));
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException(e);
        }
    }

    @Override
    public void revokeAll(String user) {
        try {
            redis.eval(REVOKE_ALL, List.of(LOGINS + user), List.of(TOKEN));
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException(e);
        }
    }

    private boolean ask(String what, String script, List<String> keys, List<String> args) {
        try {
            return Long.valueOf(1).equals(redis.eval(script, keys, args));
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Redis unavailable, {0} fails closed: {1}", new Object[]{what, e.toString()});
            return false;
        }
    }
}
