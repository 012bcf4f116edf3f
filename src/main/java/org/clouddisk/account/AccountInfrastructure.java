package org.clouddisk.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.clouddisk.platform.Redis;
import org.clouddisk.platform.Settings;

import java.time.Clock;

/**
 * Chooses the token store and the login failure counts from configuration: Redis when CLOUDDISK_REDIS_URL is set
 * (shared by every node), in-process otherwise.
 */
@ApplicationScoped
public class AccountInfrastructure {

    @Produces
    @ApplicationScoped
    TokenStore tokenStore(Settings settings, Redis redis) {
        return redis.client()
                .<TokenStore>map(client -> new RedisTokenStore(client, settings.tokenTtl()))
                .orElseGet(() -> new InMemoryTokenStore(settings.tokenTtl(), Clock.systemUTC()));
    }

    @Produces
    @Singleton // a plain class with final fields: no client proxy
    LoginThrottle loginThrottle(Settings settings, Redis redis) {
        FailureCounter counter = redis.client().<FailureCounter>map(RedisFailureCounter::new)
                .orElseGet(() -> new InMemoryFailureCounter(Clock.systemUTC()));
        return new LoginThrottle(counter, settings.loginMaxFailures(), settings.loginMaxFailuresPerAddress());
    }
}
