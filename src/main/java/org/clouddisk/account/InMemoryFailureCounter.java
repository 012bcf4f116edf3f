package org.clouddisk.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Failure counts in this JVM (no Redis configured). */
public class InMemoryFailureCounter implements FailureCounter {

    private record Failures(long count, Instant expires) {
    }

    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Failures> counts = new ConcurrentHashMap<>();
    private final Clock clock;
    private int added;

    public InMemoryFailureCounter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long add(String key, Duration window) {
        Instant now = clock.instant();
        if (++added % SWEEP_EVERY == 0) {
            counts.values().removeIf(f -> !f.expires().isAfter(now));
        }
        return counts.merge(key, new Failures(1, now.plus(window)), (old, one) ->
                new Failures(old.expires().isAfter(now) ? old.count() + 1 : 1, now.plus(window))).count();
    }

    @Override
    public long count(String key) {
        Failures f = counts.get(key);
        return f == null || !f.expires().isAfter(clock.instant()) ? 0 : f.count();
    }

    @Override
    public void clear(String key) {
        counts.remove(key);
    }
}
