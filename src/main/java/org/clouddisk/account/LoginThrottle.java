package org.clouddisk.account;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Slows down and then blocks password guessing, without letting anybody lock a user out for good:
 * <ul>
 *   <li>a user and address pair with {@code maxFailures} failures in a row is refused (001, the password is not
 *       even checked) until no failure came for {@link #WINDOW}; a right password clears the pair;</li>
 *   <li>an address with {@code maxFailuresPerAddress} failures, whatever the users, is refused the same way;</li>
 *   <li>a user name with {@code maxFailures} failures from anywhere is only slowed down ({@link #SLOW_DOWN} per
 *       attempt): attackers elsewhere never block the user's own logins.</li>
 * </ul>
 * When the counts cannot be read (Redis down) nothing is throttled; logins then fail anyway.
 */
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration SLOW_DOWN = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    private final FailureCounter failures;
    private final int maxFailures;
    private final int maxFailuresPerAddress;

    public LoginThrottle(FailureCounter failures, int maxFailures, int maxFailuresPerAddress) {
        this.failures = failures;
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
    }

    /** What to do with a login attempt before checking its password. */
    public enum Verdict { ALLOW, SLOW_DOWN, BLOCK }

    public Verdict before(String user, String address) {
        try {
            if (failures.count(pair(user, address)) >= maxFailures
                    || failures.count(address(address)) >= maxFailuresPerAddress) {
                return Verdict.BLOCK;
            }
            return failures.count(name(user)) >= maxFailures ? Verdict.SLOW_DOWN : Verdict.ALLOW;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "login throttle unavailable: {0}", e.toString());
            return Verdict.ALLOW;
        }
    }

    public void failed(String user, String address) {
        try {
            failures.add(pair(user, address), WINDOW);
            failures.add(address(address), WINDOW);
            failures.add(name(user), WINDOW);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "login failure not counted: {0}", e.toString());
        }
    }

    public void succeeded(String user, String address) {
        try {
            failures.clear(pair(user, address));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "login success not recorded: {0}", e.toString());
        }
    }

    private static String pair(String user, String address) {
        return "pair:" + user + "|" + address;
    }

    private static String address(String address) {
        return "address:" + address;
    }

    private static String name(String user) {
        return "user:" + user;
    }
}
