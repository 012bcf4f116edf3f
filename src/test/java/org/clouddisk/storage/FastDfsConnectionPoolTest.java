package org.clouddisk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.clouddisk.storage.fdfs.FastDfsTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool on its own, against the storage port of the FastDFS test server (which answers ACTIVE_TEST). */
class FastDfsConnectionPoolTest {

    private static final int WAIT_MILLIS = 200;

    @TempDir
    Path dir;

    private FastDfsTestServer server;
    private InetSocketAddress storage;

    @BeforeEach
    void startServer() throws IOException {
        server = FastDfsTestServer.start(0, 0, dir);
        storage = new InetSocketAddress("127.0.0.1", server.storagePort());
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void aCallerBeyondTheLimitFailsUntilAConnectionIsReleasedThenGetsThatOne() throws IOException {
        try (var pool = new FastDfsConnectionPool(limits(1, Duration.ofMinutes(1)), WAIT_MILLIS)) {
            FastDfsConnection only = pool.borrow(storage);

            IOException busy = assertThrows(IOException.class, () -> pool.borrow(storage));
            assertTrue(busy.getMessage().contains("busy"), busy.getMessage());

            pool.release(only, true);
            assertSame(only, pool.borrow(storage));
            // An answer proves the server accepted the connection: it counts them on another thread.
            assertTrue(only.answersActiveTest());
            assertEquals(1, server.acceptedStorageConnections());
        }
    }

    @Test
    void aConnectionReleasedAfterAFailureIsClosedAndReplaced() throws IOException {
        try (var pool = new FastDfsConnectionPool(limits(4, Duration.ofMinutes(1)), WAIT_MILLIS)) {
            FastDfsConnection failed = pool.borrow(storage);
            pool.release(failed, false);

            assertTrue(failed.socket().isClosed());
            FastDfsConnection replacement = pool.borrow(storage);
            assertNotSame(failed, replacement);
            assertTrue(replacement.answersActiveTest());
            assertEquals(2, server.acceptedStorageConnections());
        }
    }

    @Test
    void anIdleConnectionMustAnswerActiveTestBeforeItIsReused() throws IOException {
        try (var pool = new FastDfsConnectionPool(limits(4, Duration.ZERO), WAIT_MILLIS)) {
            FastDfsConnection alive = pool.borrow(storage);
            pool.release(alive, true);
            assertSame(alive, pool.borrow(storage), "a connection that answered ACTIVE_TEST");
            pool.release(alive, true);

            server.dropConnections();

            FastDfsConnection replacement = pool.borrow(storage);
            assertNotSame(alive, replacement);
            assertTrue(alive.socket().isClosed());
            assertTrue(replacement.answersActiveTest());
            assertEquals(2, server.acceptedStorageConnections());
        }
    }

    @Test
    void closingThePoolClosesItsIdleConnectionsAndRefusesNewCallers() throws IOException {
        var pool = new FastDfsConnectionPool(limits(4, Duration.ofMinutes(1)), WAIT_MILLIS);
        FastDfsConnection idle = pool.borrow(storage);
        FastDfsConnection inUse = pool.borrow(storage);
        pool.release(idle, true);

        pool.close();

        assertTrue(idle.socket().isClosed());
        assertThrows(IOException.class, () -> pool.borrow(storage));
        pool.release(inUse, true);
        assertTrue(inUse.socket().isClosed(), "a connection released after close() is closed, not kept");
    }

    private static FastDfsConnectionPool.Limits limits(int connections, Duration testAfterIdle) {
        return new FastDfsConnectionPool.Limits(connections, testAfterIdle, Duration.ofMinutes(1));
    }
}
