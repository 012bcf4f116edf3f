package org.clouddisk.account;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Token revocations over Redis pub/sub. Each node keeps one subscription to {@value #CHANNEL} on a connection of its
 * own (a thread blocked reading it), empties its {@link TokenCache} on every message and acknowledges it by pushing
 * to the list the message names. A second thread pings on the subscription every fifth of the lease, which is what
 * keeps the cache trusted, and drops a subscription whose pings go unanswered for three leases (a half-open
 * connection), after which it is made again.
 *
 * <p>{@link #announce} publishes, then waits for as many acknowledgements as Redis counted subscribers, at most one
 * lease; a node that did not acknowledge in that time cannot have a ping answered that was sent after the
 * announcement, so it no longer trusts its cache either.
 */
final class RedisTokenRevocations implements TokenRevocations {

    private static final Logger LOG = Logger.getLogger(RedisTokenRevocations.class.getName());
    static final String CHANNEL = "clouddisk:tokens:revoked";
    private static final String ACKS = "clouddisk:tokens:revoked:acks:";
    private static final long ACKS_KEPT_MILLIS = 60_000;
    private static final long RECONNECT_PAUSE_MILLIS = 200;

    private final TokenCache cache;
    private final RedisClient redis;
    private final Supplier<Jedis> subscriptionConnection;
    private final Thread listener;
    private final Thread pinger;
    private volatile boolean closed;
    /** Whether the loss of the subscription was logged (the listener thread's own). */
    private boolean reported;
    /** The current subscription and its connection, once subscribed; null between connections. */
    private volatile Subscription current;

    private record Subscription(Jedis connection, JedisPubSub pubSub) {
    }

    RedisTokenRevocations(TokenCache cache, RedisClient redis, Supplier<Jedis> subscriptionConnection,
                          ThreadFactory threads) {
        this.cache = cache;
        this.redis = redis;
        this.subscriptionConnection = subscriptionConnection;
        this.listener = threads.newThread(this::listen);
        this.pinger = threads.newThread(this::ping);
        listener.setName("clouddisk-token-revocations");
        pinger.setName("clouddisk-token-revocations-ping");
        listener.setDaemon(true);
        pinger.setDaemon(true);
    }

    RedisTokenRevocations start() {
        listener.start();
        pinger.start();
        return this;
    }

    @Override
    public void announce() {
        String id = UUID.randomUUID().toString();
        long subscribers;
        try {
            subscribers = redis.publish(CHANNEL, id);
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException(e);
        }
        // the lease counts from when Redis delivered the message, so from after its answer
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cache.leaseMillis());
        int acknowledged = 0;
        try {
            while (acknowledged < subscribers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || redis.blpop(Math.max(left / 1e9, 0.01), ACKS + id) == null) {
                    break;
                }
                acknowledged++;
            }
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "token revocation acknowledgements not read, waiting out the lease: {0}",
                    e.toString());
        }
        if (acknowledged < subscribers) {
            LOG.warning("token revocation acknowledged by " + acknowledged + " of " + subscribers
                    + " node(s) within the lease; waiting it out");
            sleepUntil(deadline);
        }
    }

    private void listen() {
        while (!closed) {
            try (Jedis connection = subscriptionConnection.get()) {
                var pubSub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        cache.subscribed();
                        current = new Subscription(connection, this);
                        if (reported) {
                            reported = false;
                            LOG.info("token revocation subscription back");
                        }
                    }

                    @Override
                    public void onMessage(String channel, String id) {
                        cache.flush();
                        acknowledge(id);
                    }

                    @Override
                    public void onPong(String pattern) {
                        cache.pongReceived();
                    }
                };
                connection.subscribe(pubSub, CHANNEL);
            } catch (RuntimeException e) {
                if (!closed && !reported) { // once per outage, not at every attempt to subscribe again
                    reported = true;
                    LOG.log(Level.WARNING, "token revocation subscription lost, tokens checked in Redis until it is"
                            + " back: {0}", e.toString());
                }
            } finally {
                current = null;
                cache.lost();
            }
            pause(RECONNECT_PAUSE_MILLIS);
        }
    }

    private void acknowledge(String id) {
        try {
            redis.rpush(ACKS + id, "1");
            redis.pexpire(ACKS + id, ACKS_KEPT_MILLIS);
        } catch (JedisException e) {
            // the announcing node waits out the lease instead
            LOG.log(Level.WARNING, "token revocation not acknowledged: {0}", e.toString());
        }
    }

    private void ping() {
        long interval = Math.max(1, cache.leaseMillis() / 5);
        long pruneEvery = Math.max(1, 5_000 / interval);
        long round = 0;
        while (!closed) {
            Subscription s = current;
            if (s != null) {
                try {
                    cache.pingSent();
                    s.pubSub().ping();
                } catch (RuntimeException e) {
                    drop(s);
                }
                if (cache.trusted()) {
                    suspect = null;
                } else if (unansweredTooLong(s)) {
                    drop(s);
                }
            }
            if (++round % pruneEvery == 0) {
                cache.prune();
            }
            pause(interval);
        }
    }

    /** The subscription whose pings went unanswered, and since when (the ping thread's own). */
    private Subscription suspect;
    private long suspectSince;

    private boolean unansweredTooLong(Subscription s) {
        long now = System.nanoTime();
        if (suspect != s) {
            suspect = s;
            suspectSince = now;
            return false;
        }
        return now - suspectSince > TimeUnit.MILLISECONDS.toNanos(3 * cache.leaseMillis());
    }

    /** Closing the socket ends the listener's blocking read; it then empties the cache and subscribes again. */
    private static void drop(Subscription s) {
        try {
            s.connection().disconnect();
        } catch (RuntimeException ignored) {
            // already broken
        }
    }

    @Override
    public void close() {
        closed = true;
        Subscription s = current;
        if (s != null) {
            drop(s);
        }
        listener.interrupt();
        pinger.interrupt();
    }

    private static void sleepUntil(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            pause(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
