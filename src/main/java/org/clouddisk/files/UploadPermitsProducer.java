package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.clouddisk.platform.Redis;

import java.time.Clock;

/** Chooses where upload permits live: Redis when CLOUDDISK_REDIS_URL is set (every node sees them), in-process otherwise. */
@ApplicationScoped
public class UploadPermitsProducer {

    @Produces
    @Singleton // plain classes with final fields: no client proxy
    UploadPermits uploadPermits(Redis redis) {
        return redis.client().<UploadPermits>map(client -> new RedisUploadPermits(client, Clock.systemUTC()))
                .orElseGet(() -> new InMemoryUploadPermits(Clock.systemUTC()));
    }
}
