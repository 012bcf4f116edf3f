package org.clouddisk.links;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.account.FailureCounter;
import org.clouddisk.account.InMemoryFailureCounter;
import org.clouddisk.account.RedisFailureCounter;
import org.clouddisk.platform.Redis;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wrong link passwords per link and client address: after {@link #MAX_FAILURES} of them, each within
 * {@link #WINDOW} of the one before, that pair is refused (429, the password is not even checked) until a
 * {@link #WINDOW} passes without one. Counted like failed logins, in Redis when configured (every node sees the same
 * counts), else in this JVM. When the counts cannot be read (Redis down) nothing is throttled, as for logins; the
 * slow password hash still bounds guessing.
 */
@ApplicationScoped
public class LinkThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(LinkThrottle.class.getName());

    @Inject
    Redis redis;

    private FailureCounter failures;

    @PostConstruct
    void choose() {
        failures = redis.client().<FailureCounter>map(RedisFailureCounter::new)
                .orElseGet(() -> new InMemoryFailureCounter(Clock.systemUTC()));
    }

    public boolean isBlocked(String linkId, String address) {
        try {
            return failures.count(key(linkId, address)) >= MAX_FAILURES;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "link password throttle unavailable: {0}", e.toString());
            return false;
        }
    }

    public void failed(String linkId, String address) {
        try {
            failures.add(key(linkId, address), WINDOW);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "wrong link password not counted: {0}", e.toString());
        }
    }

    private static String key(String linkId, String address) {
        return "link:" + linkId + "|" + address;
    }
}
