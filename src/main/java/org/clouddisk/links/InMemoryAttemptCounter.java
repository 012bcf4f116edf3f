package org.clouddisk.links;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Attempt counts in this JVM (no Redis configured); expired ones are swept now and then. */
final class InMemoryAttemptCounter implements AttemptCounter {

    private record Attempts(int count, Instant expires) {
    }

    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Attempts> attempts = new HashMap<>();
    private final Clock clock;
    private int reservations;

    InMemoryAttemptCounter(Clock clock) {
        this.clock = clock;
    }

    // synchronized: the check and the count are one step (every caller then runs a slow hash: none waits long here)
    @Override
    public synchronized boolean reserve(String key, int max, Duration window) {
        Instant now = clock.instant();
        if (++reservations % SWEEP_EVERY == 0) {
            attempts.values().removeIf(a -> !a.expires().isAfter(now));
        }
        Attempts counted = attempts.get(key);
        int count = counted == null || !counted.expires().isAfter(now) ? 0 : counted.count();
        if (count >= max) {
            return false;
        }
        attempts.put(key, new Attempts(count + 1, now.plus(window)));
        return true;
    }

    @Override
    public synchronized void release(String key) {
        attempts.computeIfPresent(key, (k, counted) ->
                new Attempts(Math.max(0, counted.count() - 1), counted.expires()));
    }
}
