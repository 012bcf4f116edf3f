package org.clouddisk.links;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.platform.Redis;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wrong link passwords per link and client address: after {@link #MAX_FAILURES} of them, each within
 * {@link #WINDOW} of the one before, that pair is refused (429, the password is not even checked) until a
 * {@link #WINDOW} passes without one. Each attempt is counted before its password is checked, in one step with the
 * decision ({@link AttemptCounter}), so that no burst of parallel attempts gets more than {@link #MAX_FAILURES}
 * checked; a right password takes its attempt back (not the window it started again). Counted in Redis when
 * configured (every node sees the same counts), else in this JVM. When the counts cannot be reached (Redis down) the
 * attempt is refused with 503: the limit is what bounds guessing, so it must not lapse with Redis.
 */
@ApplicationScoped
public class LinkThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(LinkThrottle.class.getName());

    private AttemptCounter attempts;

    /** For CDI's proxy only. */
    protected LinkThrottle() {
    }

    @Inject
    public LinkThrottle(Redis redis) {
        this(redis.client().<AttemptCounter>map(RedisAttemptCounter::new)
                .orElseGet(() -> new InMemoryAttemptCounter(Clock.systemUTC())));
    }

    LinkThrottle(AttemptCounter attempts) {
        this.attempts = attempts;
    }

    /**
     * Counts a password attempt before its password is checked: false when the pair has used up its tries;
     * {@code 503 unavailable} when the counts cannot be reached.
     */
    public boolean reserve(String linkId, String address) {
        try {
            return attempts.reserve(key(linkId, address), MAX_FAILURES, WINDOW);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "link password throttle unavailable: {0}", e.toString());
            throw new ProblemException(ProblemCode.UNAVAILABLE, "password attempts cannot be counted now");
        }
    }

    /** The reserved attempt's password was right: it is no wrong try. */
    public void release(String linkId, String address) {
        try {
            attempts.release(key(linkId, address));
        } catch (RuntimeException e) {
            // the attempt stays counted: stricter than needed, never looser, so the right password is still answered
            LOG.log(Level.WARNING, "right link password still counted as an attempt: {0}", e.toString());
        }
    }

    private static String key(String linkId, String address) {
        return linkId + "|" + address;
    }
}
