package org.clouddisk.account;

import org.clouddisk.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.clouddisk.account.LoginThrottle.Verdict.ALLOW;
import static org.clouddisk.account.LoginThrottle.Verdict.BLOCK;
import static org.clouddisk.account.LoginThrottle.Verdict.SLOW_DOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(new InMemoryFailureCounter(clock), 5, 20);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertNotEquals(BLOCK, throttle.before(user, address), "attempt " + (i + 1) + " of " + user);
            throttle.failed(user, address);
        }
    }

    @Test
    void blocksAUserAndAddressPairAfterFiveFailuresForTheWindowOnly() {
        fail("mike", "10.0.0.1", 4);
        assertEquals(ALLOW, throttle.before("mike", "10.0.0.1"), "four failures are forgiven");
        fail("mike", "10.0.0.1", 1);
        assertEquals(BLOCK, throttle.before("mike", "10.0.0.1"));
        clock.advance(LoginThrottle.WINDOW.minusSeconds(1));
        assertEquals(BLOCK, throttle.before("mike", "10.0.0.1"), "still within the window");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(ALLOW, throttle.before("mike", "10.0.0.1"), "the block ends: nobody is locked out for good");
    }

    @Test
    void anAttackerElsewhereOnlySlowsTheUserDown() {
        fail("mike", "10.0.0.66", 5);
        assertEquals(BLOCK, throttle.before("mike", "10.0.0.66"));
        assertEquals(SLOW_DOWN, throttle.before("mike", "192.168.1.7"), "the user's own address is not blocked");
        assertEquals(ALLOW, throttle.before("yoyo", "192.168.1.7"));
    }

    @Test
    void blocksAnAddressGuessingManyUsers() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "10.0.0.9", 1);
        }
        assertEquals(BLOCK, throttle.before("someone-else", "10.0.0.9"));
        assertEquals(ALLOW, throttle.before("someone-else", "10.0.0.10"));
    }

    @Test
    void aRightPasswordClearsThePairsFailures() {
        fail("mike", "10.0.0.1", 4);
        throttle.succeeded("mike", "10.0.0.1");
        fail("mike", "10.0.0.1", 4);
        assertEquals(SLOW_DOWN, throttle.before("mike", "10.0.0.1"), "eight failures of the name still slow it down");
    }

    @Test
    void failuresAgeOutAfterTheWindow() {
        fail("mike", "10.0.0.1", 4);
        clock.advance(LoginThrottle.WINDOW.plus(Duration.ofSeconds(1)));
        fail("mike", "10.0.0.1", 4);
        assertEquals(ALLOW, throttle.before("mike", "10.0.0.1"));
    }
}
