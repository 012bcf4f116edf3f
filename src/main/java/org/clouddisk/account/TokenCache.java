package org.clouddisk.account;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What this node remembers of the token checks Redis answered lately: token digest to user, so that most requests
 * need no Redis round trip. An entry is used for {@code refresh} after the check that made it began, then Redis is
 * asked again (which also restarts the token's idle lifetime there: the sliding expiry moves at most every
 * {@code refresh}, so a token expires up to {@code refresh} before its lifetime after its last use, never after).
 *
 * <p>Revocations reach every node through the invalidation subscription ({@link TokenRevocations}); any of them
 * empties the cache. The cache is trusted only while that subscription is known to be delivering: a ping sent on it
 * less than {@code lease} ago has been answered. Redis delivers a subscription's messages and pongs in order, so
 * every revocation announced before that ping was applied here before its pong; a revoking node that waits
 * {@code lease} (or for every node's acknowledgement) therefore leaves no node serving the revoked token. When the
 * subscription is lost the cache is emptied and bypassed until it is back and confirmed.
 *
 * <p>Every emptying starts a new epoch; an entry is used only in the epoch in which its check began, so a check that
 * raced a revocation never brings the revoked token back.
 */
final class TokenCache {

    /** Beyond this many entries the cache starts over (one entry per live token seen within {@code refresh}). */
    static final int CAPACITY = 100_000;

    private record Entry(String user, long epoch, long checkedAt) {
    }

    /** A Redis check about to begin: the epoch and time it began in. */
    record Check(long epoch, long startedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    /** Send times of the pings not answered yet, oldest first. */
    private final Queue<Long> pings = new ConcurrentLinkedQueue<>();
    private final LongSupplier millis;
    private final long refresh;
    private final long lease;
    /** Whether a ping on the current subscription was answered (subscriber thread writes, any thread reads). */
    private volatile boolean confirmed;
    /** Send time of the latest answered ping; meaningful only while {@link #confirmed}. */
    private volatile long confirmedAt;

    /** @param millis a monotonic clock in milliseconds */
    TokenCache(LongSupplier millis, long refreshMillis, long leaseMillis) {
        this.millis = millis;
        this.refresh = refreshMillis;
        this.lease = leaseMillis;
    }

    long leaseMillis() {
        return lease;
    }

    /** The user of the token with this digest, when a check of it in this epoch is recent and the cache trusted. */
    Optional<String> user(String digest) {
        Entry e = entries.get(digest);
        if (e == null) {
            return Optional.empty();
        }
        long now = millis.getAsLong();
        if (e.epoch != epoch.get() || now - e.checkedAt >= refresh || !trusted(now)) {
            return Optional.empty();
        }
        return Optional.of(e.user);
    }

    /** Taken before asking Redis, so that {@link #remember} can tell whether a revocation came in between. */
    Check begin() {
        return new Check(epoch.get(), millis.getAsLong());
    }

    /** Redis confirmed the token with this digest as the user's, in a check that began with {@code check}. */
    void remember(String digest, String user, Check check) {
        if (check.epoch != epoch.get() || !trusted(millis.getAsLong())) {
            return;
        }
        if (entries.size() >= CAPACITY) {
            entries.clear();
        }
        entries.put(digest, new Entry(user, check.epoch, check.startedAt));
    }

    /** Forgets every token (a revocation): entries of earlier epochs are never used again. */
    void flush() {
        epoch.incrementAndGet();
        entries.clear();
    }

    /** The subscription is (again) in place; trusted once a ping on it is answered. */
    void subscribed() {
        confirmed = false;
        pings.clear();
        flush(); // revocations announced while it was away were missed
    }

    /** The subscription is gone: revocations may be missed, so nothing is remembered or used until it is back. */
    void lost() {
        confirmed = false;
        pings.clear();
        flush();
    }

    /** Called just before a ping is written on the subscription. */
    void pingSent() {
        pings.add(millis.getAsLong());
    }

    /**
     * A pong arrived on the subscription: it answers the oldest ping not answered yet. (A ping lost with a dropped
     * connection leaves an older time in the queue, which only makes the confirmation older: the safe side.)
     */
    void pongReceived() {
        Long sent = pings.poll();
        if (sent != null) {
            confirmedAt = sent;
            confirmed = true;
        }
    }

    /** Whether revocations announced more than {@code lease} ago are known to have been applied here. */
    boolean trusted() {
        return trusted(millis.getAsLong());
    }

    private boolean trusted(long now) {
        return confirmed && now - confirmedAt < lease;
    }

    /** Drops entries too old to be used (called now and then, so that tokens seen once do not stay). */
    void prune() {
        long now = millis.getAsLong();
        long current = epoch.get();
        entries.values().removeIf(e -> e.epoch != current || now - e.checkedAt >= refresh);
    }
}
