package org.clouddisk.uploads;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Challenges of the embedded run mode (no Redis): in this JVM only; expired ones are swept now and then. */
public class InMemoryChallengeStore implements ChallengeStore {

    private static final int SWEEP_EVERY = 256;

    private record Key(String user, String id) {
    }

    private final Map<Key, Challenge> challenges = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();
    private final Clock clock;

    public InMemoryChallengeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(Challenge challenge) {
        if (puts.incrementAndGet() % SWEEP_EVERY == 0) {
            Instant now = clock.instant();
            challenges.values().removeIf(c -> !now.isBefore(c.expires()));
        }
        challenges.put(new Key(challenge.user(), challenge.id()), challenge);
    }

    @Override
    public Optional<Challenge> take(String user, String id) {
        return Optional.ofNullable(challenges.remove(new Key(user, id)))
                .filter(c -> clock.instant().isBefore(c.expires()));
    }

    int size() {
        return challenges.size();
    }
}
