package org.clouddisk.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.clouddisk.platform.Redis;

import java.time.Clock;

/** Chooses where challenges live: Redis when CLOUDDISK_REDIS_URL is set (every node sees them), in process otherwise. */
@ApplicationScoped
public class ChallengeStoreProducer {

    @Produces
    @Singleton // plain classes with final fields: no client proxy
    ChallengeStore challengeStore(Redis redis) {
        return redis.client().<ChallengeStore>map(client -> new RedisChallengeStore(client, Clock.systemUTC()))
                .orElseGet(() -> new InMemoryChallengeStore(Clock.systemUTC()));
    }
}
