package org.clouddisk.uploads;

import org.clouddisk.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryChallengeStoreTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryChallengeStore store = new InMemoryChallengeStore(clock);
    private final SecureRandom random = new SecureRandom();

    private Challenge issue(String user) {
        return Challenge.issue(random, user, "d1", "a.bin", "0123456789abcdef0123456789abcdef", 1 << 20,
                clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aChallengeIsTakenOnceByItsUserOnly() {
        Challenge c = issue("mike");
        store.put(c);
        assertTrue(store.take("yoyo", c.id()).isEmpty(), "another user");
        assertEquals(c, store.take("mike", c.id()).orElseThrow());
        assertTrue(store.take("mike", c.id()).isEmpty(), "single use");
        assertTrue(store.take("mike", issue("mike").id()).isEmpty(), "never issued");
    }

    @Test
    void aChallengeExpires() {
        Challenge c = issue("mike");
        store.put(c);
        clock.advance(Duration.ofMinutes(5));
        assertTrue(store.take("mike", c.id()).isEmpty());
    }

    @Test
    void expiredChallengesAreSwept() {
        for (int i = 0; i < 300; i++) {
            store.put(issue("mike"));
        }
        clock.advance(Duration.ofMinutes(6));
        for (int i = 0; i < 300; i++) {
            store.put(issue("mike"));
        }
        assertTrue(store.size() < 600, "expired ones went: " + store.size());
    }

    @Test
    void ofRacingTakersExactlyOneGetsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                Challenge c = issue("mike");
                store.put(c);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> takes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    takes.add(pool.submit(() -> {
                        start.await();
                        return store.take("mike", c.id()).isPresent();
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> take : takes) {
                    winners += take.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
