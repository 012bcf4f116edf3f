package org.clouddisk.uploads;

import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.time.Clock;
import java.util.Optional;

/**
 * Challenges in Redis, seen by every node: key {@code clouddisk:instant-challenge:<id>:<user>}, value the challenge
 * as JSON, expiring with it (PXAT). GETDEL takes a challenge atomically, so of proofs racing for one, one wins.
 * The user is part of the key: nobody can spend another user's challenge.
 */
public class RedisChallengeStore implements ChallengeStore {

    static final String PREFIX = "clouddisk:instant-challenge:";

    private final RedisClient redis;
    private final Clock clock;

    public RedisChallengeStore(RedisClient redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void put(Challenge challenge) {
        try {
            redis.set(key(challenge.user(), challenge.id()), challenge.toJson(),
                    SetParams.setParams().pxAt(challenge.expires().toEpochMilli()));
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Challenge> take(String user, String id) {
        String json;
        try {
            json = redis.getDel(key(user, id));
        } catch (JedisException e) {
            throw unavailable(e);
        }
        return Optional.ofNullable(json).map(Challenge::fromJson).filter(c -> clock.instant().isBefore(c.expires()));
    }

    private static String key(String user, String id) {
        return PREFIX + id + ":" + user;
    }

    private static ProblemException unavailable(JedisException e) {
        return new ProblemException(ProblemCode.UNAVAILABLE, "challenges cannot be kept now: " + e.getMessage());
    }
}
