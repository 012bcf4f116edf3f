package org.clouddisk.files;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Upload permits in Redis, shared by every node: key {@code clouddisk:upload-permit:<sha-256 of user, md5, name>},
 * value the expiry in epoch milliseconds, expiring then. GETDEL claims a permit atomically, so two uploads can
 * never both use one.
 */
public class RedisUploadPermits implements UploadPermits {

    static final String PREFIX = "clouddisk:upload-permit:";

    private final RedisClient redis;
    private final Clock clock;

    public RedisUploadPermits(RedisClient redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void grant(Subject subject) {
        long expires = clock.instant().plus(LIFETIME).toEpochMilli();
        redis.set(PREFIX + subject.digest(), Long.toString(expires), SetParams.setParams().pxAt(expires));
    }

    @Override
    public Optional<Instant> claim(Subject subject) {
        return Optional.ofNullable(redis.getDel(PREFIX + subject.digest()))
                .map(expires -> Instant.ofEpochMilli(Long.parseLong(expires)))
                .filter(clock.instant()::isBefore);
    }

    @Override
    public void restore(Subject subject, Instant expires) {
        if (clock.instant().isBefore(expires)) {
            // NX: a permit granted again meanwhile (a new /md5) is the newer one.
            redis.set(PREFIX + subject.digest(), Long.toString(expires.toEpochMilli()),
                    SetParams.setParams().pxAt(expires.toEpochMilli()).nx());
        }
    }
}
