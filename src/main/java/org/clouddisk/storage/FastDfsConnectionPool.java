package org.clouddisk.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Open connections to FastDFS trackers and storage servers, kept for reuse per server address.
 *
 * <p>At most {@link Limits#connectionsPerServer()} connections to one address are in use at once; a caller
 * beyond that waits up to the connect timeout and then fails as if the server could not be reached. A
 * connection goes back to the pool only when its caller says its last exchange completed with success
 * ({@link #release(FastDfsConnection, boolean)}): any other connection may hold unread bytes or be half way
 * through a request, so it is dropped. Idle connections are reused newest first, so that the oldest age out:
 * one idle longer than {@link Limits#maxIdle()} is closed (FastDFS servers drop connections that stay silent
 * for their network_timeout, 60 s by default), and one idle longer than {@link Limits#testAfterIdle()} must
 * answer ACTIVE_TEST before it is handed out again.
 */
final class FastDfsConnectionPool implements AutoCloseable {

    /**
     * @param connectionsPerServer the most connections to one address in use at once
     * @param testAfterIdle an idle connection older than this is tested with ACTIVE_TEST before reuse
     * @param maxIdle an idle connection older than this is closed instead of reused
     */
    record Limits(int connectionsPerServer, Duration testAfterIdle, Duration maxIdle) {
        static final Limits DEFAULT = new Limits(64, Duration.ofSeconds(1), Duration.ofSeconds(30));

        Limits {
            if (connectionsPerServer < 1 || testAfterIdle.isNegative() || maxIdle.isNegative()) {
                throw new IllegalArgumentException("invalid FastDFS pool limits " + connectionsPerServer + ", "
                        + testAfterIdle + ", " + maxIdle);
            }
        }
    }

    private final Limits limits;
    private final long waitMillis;
    private final Map<InetSocketAddress, Server> servers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param waitMillis how long a caller waits for a connection when all of an address are in use */
    FastDfsConnectionPool(Limits limits, int waitMillis) {
        this.limits = limits;
        this.waitMillis = waitMillis;
    }

    /** The connections of one address: permits for those in use, a stack of idle ones. */
    private final class Server {
        final Semaphore permits = new Semaphore(limits.connectionsPerServer(), true);
        // Guarded by itself. Newest at the head.
        final Deque<FastDfsConnection> idle = new ArrayDeque<>();

        FastDfsConnection pollNewest() {
            synchronized (idle) {
                return idle.pollFirst();
            }
        }

        /** Takes the idle connections older than maxIdle off the stack, for the caller to close. */
        List<FastDfsConnection> takeExpired(long now) {
            List<FastDfsConnection> expired = new ArrayList<>();
            synchronized (idle) {
                while (!idle.isEmpty() && idle.peekLast().idleNanos(now) > limits.maxIdle().toNanos()) {
                    expired.add(idle.pollLast());
                }
            }
            return expired;
        }
    }

    /**
     * A connection to the address, idle or new, for the caller's exclusive use until it calls
     * {@link #release}.
     */
    FastDfsConnection borrow(InetSocketAddress address) throws IOException {
        if (closed) {
            throw new IOException("FastDFS connection pool is closed");
        }
        Server server = servers.computeIfAbsent(address, ignored -> new Server());
        acquire(server, address);
        try {
            FastDfsConnection idle = reusable(server);
            return idle != null ? idle : new FastDfsConnection(address);
        } catch (IOException | RuntimeException | Error e) {
            server.permits.release();
            throw e;
        }
    }

    private void acquire(Server server, InetSocketAddress address) throws IOException {
        try {
            if (!server.permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new IOException("all " + limits.connectionsPerServer() + " connections to FastDFS server "
                        + address + " stayed busy for " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a FastDFS connection to " + address, e);
        }
    }

    private FastDfsConnection reusable(Server server) {
        long now = System.nanoTime();
        closeExpired(now);
        FastDfsConnection connection;
        while ((connection = server.pollNewest()) != null) {
            long idle = connection.idleNanos(now);
            if (idle <= limits.testAfterIdle().toNanos()) {
                return connection;
            }
            if (idle <= limits.maxIdle().toNanos() && connection.answersActiveTest()) {
                return connection;
            }
            connection.abort();
        }
        return null;
    }

    /**
     * Ends the caller's use of a connection. {@code reusable} must be true only when the caller's last exchange
     * on it completed with success; otherwise (an error status, an exception, an aborted transfer) the
     * connection is dropped.
     */
    void release(FastDfsConnection connection, boolean reusable) {
        Server server = servers.get(connection.address());
        try {
            if (reusable && !closed && !connection.socket().isClosed()) {
                long now = System.nanoTime();
                connection.markIdle(now);
                synchronized (server.idle) {
                    server.idle.addFirst(connection);
                }
                closeExpired(now);
            } else {
                connection.abort();
            }
        } finally {
            server.permits.release();
        }
        if (closed) {
            // Closed while this connection was in use: it may have been put back after close() emptied the stacks.
            closeIdle();
        }
    }

    /** Closes the idle connections of every address that waited longer than maxIdle. */
    private void closeExpired(long now) {
        for (Server server : servers.values()) {
            server.takeExpired(now).forEach(FastDfsConnection::quit);
        }
    }

    /** Closes every idle connection; connections in use are closed when they are released. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (Server server : servers.values()) {
            FastDfsConnection connection;
            while ((connection = server.pollNewest()) != null) {
                connection.quit();
            }
        }
    }
}
