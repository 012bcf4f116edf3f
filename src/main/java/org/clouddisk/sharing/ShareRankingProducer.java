package org.clouddisk.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.clouddisk.platform.Redis;

/** Chooses the ranking from configuration: Redis when CLOUDDISK_REDIS_URL is set, in-process otherwise. */
@ApplicationScoped
public class ShareRankingProducer {

    @Produces
    @ApplicationScoped
    ShareRanking shareRanking(Redis redis) {
        return redis.client().<ShareRanking>map(RedisShareRanking::new).orElseGet(InMemoryShareRanking::new);
    }
}
