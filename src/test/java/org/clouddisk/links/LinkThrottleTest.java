package org.clouddisk.links;

import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.testing.ManualClock;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkThrottleTest {

    private static final String LINK = "AAAAAAAAAAAAAAAAAAAAAA";

    private final ManualClock clock = new ManualClock();
    private final LinkThrottle throttle = new LinkThrottle(new InMemoryAttemptCounter(clock));

    private void wrong(String link, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(throttle.reserve(link, address), "attempt " + (i + 1) + " from " + address);
        }
    }

    @Test
    void tenWrongPasswordsBlockTheLinkAndAddressForTheWindowOnly() {
        wrong(LINK, "10.0.0.1", LinkThrottle.MAX_FAILURES);
        assertFalse(throttle.reserve(LINK, "10.0.0.1"));
        assertTrue(throttle.reserve(LINK, "10.0.0.2"), "another address is not blocked");
        assertTrue(throttle.reserve("BBBBBBBBBBBBBBBBBBBBBB", "10.0.0.1"), "another link is not blocked");
        clock.advance(LinkThrottle.WINDOW.minusSeconds(1));
        assertFalse(throttle.reserve(LINK, "10.0.0.1"), "still within the window");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(throttle.reserve(LINK, "10.0.0.1"), "the block ends: nobody is locked out for good");
    }

    @Test
    void aRightPasswordGivesItsAttemptBack() {
        wrong(LINK, "10.0.0.1", LinkThrottle.MAX_FAILURES - 1);
        for (int i = 0; i < 5; i++) {
            assertTrue(throttle.reserve(LINK, "10.0.0.1"), "right password " + (i + 1));
            throttle.release(LINK, "10.0.0.1");
        }
        wrong(LINK, "10.0.0.1", 1);
        assertFalse(throttle.reserve(LINK, "10.0.0.1"), "the tenth wrong password blocks, whatever came between");
    }

    @Test
    void parallelAttemptsGetExactlyTheLimitThrough() throws Exception {
        int attempts = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Boolean>> reserved = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                reserved.add(pool.submit(() -> {
                    start.await();
                    return throttle.reserve(LINK, "10.0.0.1");
                }));
            }
            start.countDown();
            int through = 0;
            for (Future<Boolean> r : reserved) {
                through += r.get() ? 1 : 0;
            }
            assertEquals(LinkThrottle.MAX_FAILURES, through);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsThatCannotBeReachedRefuseTheAttemptWith503() {
        var redisDown = new AttemptCounter() {
            @Override
            public boolean reserve(String key, int max, Duration window) {
                throw new JedisConnectionException("Connection refused");
            }

            @Override
            public void release(String key) {
                throw new JedisConnectionException("Connection refused");
            }
        };
        var failingClosed = new LinkThrottle(redisDown);

        ProblemException refused = assertThrows(ProblemException.class, () -> failingClosed.reserve(LINK, "10.0.0.1"));
        assertEquals(ProblemCode.UNAVAILABLE, refused.code());
        assertEquals(503, refused.problem().status());
        assertDoesNotThrow(() -> failingClosed.release(LINK, "10.0.0.1"),
                "an attempt that stays counted only makes the limit stricter");
    }
}
