package org.clouddisk.files;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Upload permits of the embedded run mode (no Redis): in this JVM only. */
public class InMemoryUploadPermits implements UploadPermits {

    private static final int SWEEP_EVERY = 256;

    private final Map<Subject, Instant> permits = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicInteger grants = new AtomicInteger();

    public InMemoryUploadPermits(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void grant(Subject subject) {
        Instant now = clock.instant();
        if (grants.incrementAndGet() % SWEEP_EVERY == 0) {
            permits.values().removeIf(expires -> !now.isBefore(expires));
        }
        permits.put(subject, now.plus(LIFETIME));
    }

    @Override
    public Optional<Instant> claim(Subject subject) {
        return Optional.ofNullable(permits.remove(subject)).filter(clock.instant()::isBefore);
    }

    @Override
    public void restore(Subject subject, Instant expires) {
        if (clock.instant().isBefore(expires)) {
            permits.putIfAbsent(subject, expires);
        }
    }
}
