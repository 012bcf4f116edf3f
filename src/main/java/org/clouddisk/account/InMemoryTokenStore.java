package org.clouddisk.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The embedded token store (no Redis configured): tokens live in this JVM only and end with it. */
public class InMemoryTokenStore implements TokenStore {

    private record Session(String user, String address, Instant expires) {
    }

    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Duration ttl;
    private final Clock clock;

    public InMemoryTokenStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String issue(String user, String address) {
        if (issued.incrementAndGet() % SWEEP_EVERY == 0) {
            Instant now = clock.instant();
            sessions.values().removeIf(s -> !s.expires().isAfter(now));
        }
        String token = Tokens.newToken();
        sessions.put(Tokens.digest(token), new Session(user, address, clock.instant().plus(ttl)));
        return token;
    }

    @Override
    public boolean touch(String user, String token) {
        return userOf(token).filter(user::equals).isPresent();
    }

    @Override
    public Optional<String> userOf(String token) {
        Instant now = clock.instant();
        Session renewed = sessions.computeIfPresent(Tokens.digest(token), (key, s) ->
                s.expires().isAfter(now) ? new Session(s.user(), s.address(), now.plus(ttl)) : null);
        return Optional.ofNullable(renewed).map(Session::user);
    }

    /** A scan of every session: the embedded store serves one household, not a crowd. */
    @Override
    public boolean hasLiveLoginFrom(String user, String address) {
        Instant now = clock.instant();
        return sessions.values().stream().anyMatch(s ->
                s.user().equals(user) && s.address().equals(address) && s.expires().isAfter(now));
    }

    @Override
    public void revokeAll(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }
}
