package org.clouddisk.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.clouddisk.platform.Redis;
import org.clouddisk.platform.Settings;

import java.time.Clock;

/** Chooses the token store from configuration: Redis when CLOUDDISK_REDIS_URL is set, in-process otherwise. */
@ApplicationScoped
public class TokenStoreProducer {

    @Produces
    @ApplicationScoped
    TokenStore tokenStore(Settings settings, Redis redis) {
        return redis.client()
                .<TokenStore>map(client -> new RedisTokenStore(client, settings.tokenTtl()))
                .orElseGet(() -> new InMemoryTokenStore(settings.tokenTtl(), Clock.systemUTC()));
    }
}
