package org.clouddisk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.clouddisk.storage.fdfs.FastDfsTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastDfsContentStoreTest {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int NETWORK_TIMEOUT_MILLIS = 3_000;
    private static final Pattern FILE_ID =
            Pattern.compile("group1/M00/[0-9A-F]{2}/[0-9A-F]{2}/[A-Za-z0-9_-]{30}(\\.[A-Za-z0-9]{1,6})?");

    @TempDir
    Path dir;

    private FastDfsTestServer server;
    private FastDfsContentStore store;

    @BeforeEach
    void startServer() throws IOException {
        server = FastDfsTestServer.start(0, 0, dir);
        store = new FastDfsContentStore(server.trackers(), CONNECT_TIMEOUT_MILLIS, NETWORK_TIMEOUT_MILLIS);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void storesAndReadsBackBytes() throws IOException {
        byte[] content = "hello, FastDFS\n".getBytes();

        String fileId = store.store(new ByteArrayInputStream(content), content.length, "txt");

        assertTrue(FILE_ID.matcher(fileId).matches(), fileId);
        assertTrue(fileId.endsWith(".txt"), fileId);
        assertArrayEquals(content, readAll(fileId, content.length));
        assertEquals(1, server.fileCount());
    }

    @Test
    void storesAnEmptyFile() throws IOException {
        String fileId = store.store(new ByteArrayInputStream(new byte[0]), 0, "bin");

        assertTrue(store.exists(fileId));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.read(fileId, 0, 0, out);
        assertEquals(0, out.size());
    }

    @Test
    void streamsTwentyMegabytesWithoutHoldingThem() throws Exception {
        long size = 20L * 1024 * 1024;
        GeneratedContent upload = new GeneratedContent(7, size, size);

        String fileId = store.store(upload, size, "dat");

        assertEquals(size, upload.position, "store must consume exactly size bytes");
        MessageDigest downloaded = MessageDigest.getInstance("MD5");
        CountingOutputStream counter = new CountingOutputStream();
        store.read(fileId, 0, size, new DigestOutputStream(counter, downloaded));
        assertEquals(size, counter.count);
        assertArrayEquals(upload.md5.digest(), downloaded.digest());

        long offset = 13L * 1024 * 1024 + 17;
        int length = 300_000;
        ByteArrayOutputStream range = new ByteArrayOutputStream();
        store.read(fileId, offset, length, range);
        assertArrayEquals(GeneratedContent.bytes(7, offset, length), range.toByteArray());
    }

    @Test
    void readsRanges() throws IOException {
        byte[] content = randomBytes(1, 10_000);
        String fileId = store.store(new ByteArrayInputStream(content), content.length, "bin");

        long[][] ranges = {{0, 1}, {0, 10_000}, {9_999, 1}, {123, 4_567}, {5_000, 5_000}, {4_096, 2_048}};
        for (long[] range : ranges) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.read(fileId, range[0], range[1], out);
            byte[] expected = Arrays.copyOfRange(content, (int) range[0], (int) (range[0] + range[1]));
            assertArrayEquals(expected, out.toByteArray(), "range " + range[0] + "+" + range[1]);
        }

        ByteArrayOutputStream nothing = new ByteArrayOutputStream();
        store.read(fileId, 10, 0, nothing);
        assertEquals(0, nothing.size());

        IOException pastTheEnd = assertThrows(IOException.class,
                () -> store.read(fileId, 9_000, 2_000, new ByteArrayOutputStream()));
        assertFalse(pastTheEnd instanceof ContentMissingException, pastTheEnd.toString());
    }

    @Test
    void keepsShortExtensionsAndDropsOnesFastDfsCannotKeep() throws IOException {
        byte[] content = randomBytes(2, 1_000);

        String none = store.store(new ByteArrayInputStream(content), content.length, "");
        String six = store.store(new ByteArrayInputStream(content), content.length, "tar7z1");
        String tooLong = store.store(new ByteArrayInputStream(content), content.length, "markdown");
        String notAlphanumeric = store.store(new ByteArrayInputStream(content), content.length, "tar.gz");

        assertFalse(lastSegment(none).contains("."), none);
        assertTrue(six.endsWith(".tar7z1"), six);
        assertFalse(lastSegment(tooLong).contains("."), tooLong);
        assertFalse(lastSegment(notAlphanumeric).contains("."), notAlphanumeric);
        for (String fileId : List.of(none, six, tooLong, notAlphanumeric)) {
            assertTrue(FILE_ID.matcher(fileId).matches(), fileId);
            assertArrayEquals(content, readAll(fileId, content.length), fileId);
        }
        assertEquals(4, server.fileCount());
    }

    @Test
    void existsAsksTheStorage() throws IOException {
        byte[] content = randomBytes(3, 100);
        String fileId = store.store(new ByteArrayInputStream(content), content.length, "txt");

        assertTrue(store.exists(fileId));
        // Well formed, decodable by the client, but never stored: only the storage can say it is missing.
        String neverStored = fileId.substring(0, fileId.lastIndexOf('/') + 1) + "CgAAAWsGECWAAAAAAAAAZP9fXQoAAA.txt";
        assertFalse(store.exists(neverStored));
    }

    @Test
    void deleteAnswersTrueThenFalseAndTheContentIsGone() throws IOException {
        byte[] content = randomBytes(4, 5_000);
        String fileId = store.store(new ByteArrayInputStream(content), content.length, "pdf");
        assertEquals(1, server.fileCount());

        assertTrue(store.delete(fileId));
        assertEquals(0, server.fileCount());
        assertFalse(store.delete(fileId));
        assertFalse(store.exists(fileId));
        ContentMissingException missing = assertThrows(ContentMissingException.class,
                () -> store.read(fileId, 0, content.length, new ByteArrayOutputStream()));
        assertTrue(missing.getMessage().contains(fileId));
        assertThrows(ContentMissingException.class, () -> store.read(fileId, 0, 0, new ByteArrayOutputStream()));
    }

    @Test
    void malformedIdIsAnErrorNotMissingContent() {
        IOException error = assertThrows(IOException.class,
                () -> store.read("no-group-here", 0, 10, new ByteArrayOutputStream()));
        assertFalse(error instanceof ContentMissingException);
        assertThrows(IOException.class, () -> store.exists("group1/"));
        assertThrows(IOException.class, () -> store.delete("group1/M00/00/00/../../etc/passwd"));
    }

    @Test
    void manyThreadsStoreReadAndDeleteAtOnce() throws Exception {
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int seed = 100 + i;
                results.add(pool.submit(() -> {
                    byte[] content = randomBytes(seed, new Random(seed).nextInt(256 * 1024));
                    start.await();
                    String fileId = store.store(new ByteArrayInputStream(content), content.length, "bin");
                    assertArrayEquals(content, readAll(fileId, content.length), fileId);
                    if (content.length > 10) {
                        ByteArrayOutputStream range = new ByteArrayOutputStream();
                        store.read(fileId, 3, content.length - 10, range);
                        assertArrayEquals(Arrays.copyOfRange(content, 3, content.length - 7), range.toByteArray());
                    }
                    assertTrue(store.exists(fileId));
                    assertTrue(store.delete(fileId));
                    assertFalse(store.exists(fileId));
                    return fileId;
                }));
            }
            start.countDown();
            List<String> fileIds = new ArrayList<>();
            for (Future<String> result : results) {
                fileIds.add(result.get(120, TimeUnit.SECONDS));
            }
            assertEquals(threads, fileIds.stream().distinct().count(), "file ids must be unique");
            assertEquals(0, server.fileCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void operationsReuseOneTrackerAndOneStorageConnection() throws IOException {
        for (int i = 0; i < 10; i++) {
            byte[] content = randomBytes(20 + i, 50_000);
            String fileId = store.store(new ByteArrayInputStream(content), content.length, "bin");
            assertArrayEquals(content, readAll(fileId, content.length));
            assertTrue(store.exists(fileId));
            assertTrue(store.delete(fileId));
        }

        assertEquals(1, server.acceptedTrackerConnections());
        assertEquals(1, server.acceptedStorageConnections());
    }

    @Test
    void connectionsTheServersClosedAreNotReused() throws IOException {
        var testedOnEveryReuse = new FastDfsConnectionPool.Limits(64, Duration.ZERO, Duration.ofMinutes(1));
        try (var tested = new FastDfsContentStore(server.trackers(), CONNECT_TIMEOUT_MILLIS, NETWORK_TIMEOUT_MILLIS,
                testedOnEveryReuse)) {
            byte[] content = randomBytes(30, 10_000);
            String fileId = tested.store(new ByteArrayInputStream(content), content.length, "bin");

            server.dropConnections();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            tested.read(fileId, 0, content.length, out);
            assertArrayEquals(content, out.toByteArray());
            assertEquals(2, server.acceptedTrackerConnections());
            assertEquals(2, server.acceptedStorageConnections());
        }
    }

    @Test
    void idleConnectionsPastTheirTimeAreClosed() throws Exception {
        var noIdling = new FastDfsConnectionPool.Limits(64, Duration.ZERO, Duration.ZERO);
        try (var evicting = new FastDfsContentStore(server.trackers(), CONNECT_TIMEOUT_MILLIS, NETWORK_TIMEOUT_MILLIS,
                noIdling)) {
            byte[] content = randomBytes(31, 10_000);
            String fileId = evicting.store(new ByteArrayInputStream(content), content.length, "bin");
            evicting.read(fileId, 0, content.length, new ByteArrayOutputStream());
            evicting.read(fileId, 0, content.length, new ByteArrayOutputStream());

            assertEquals(3, server.acceptedStorageConnections());
            awaitCondition(() -> server.openStorageConnections() == 1, "the evicted connections to be closed");
        }
        awaitCondition(() -> server.openStorageConnections() == 0, "closing the store to close its connections");
    }

    @Test
    void manyThreadsShareABoundedPool() throws Exception {
        int connections = 4;
        int threads = 32;
        var fourPerServer = new FastDfsConnectionPool.Limits(connections, Duration.ofSeconds(1), Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        // Waiting for a connection counts against the connect timeout: give the queue of 32 room on a busy machine.
        try (var bounded = new FastDfsContentStore(server.trackers(), 60_000, NETWORK_TIMEOUT_MILLIS, fourPerServer)) {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int seed = 200 + i;
                results.add(pool.submit(() -> {
                    byte[] content = randomBytes(seed, 100_000 + seed);
                    start.await();
                    String fileId = bounded.store(new ByteArrayInputStream(content), content.length, "bin");
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    bounded.read(fileId, 0, content.length, out);
                    assertArrayEquals(content, out.toByteArray(), fileId);
                    assertTrue(bounded.delete(fileId));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(server.acceptedStorageConnections() <= connections, server.acceptedStorageConnections() + " opened");
        assertTrue(server.acceptedTrackerConnections() <= connections, server.acceptedTrackerConnections() + " opened");
        assertEquals(0, server.fileCount());
    }

    @Test
    void aStreamThatEndsEarlyFailsAndLeavesNothing() throws Exception {
        // 5 bytes short: less than the 10-byte QUIT packet, which must not be taken as the missing content.
        IOException fewBytesShort = assertThrows(IOException.class,
                () -> store.store(new GeneratedContent(5, 100, 95), 100, "txt"));
        IOException farShort = assertThrows(IOException.class,
                () -> store.store(new GeneratedContent(6, 2_000_000, 1_000_000), 2_000_000, "txt"));
        IOException failing = assertThrows(IOException.class,
                () -> store.store(new FailingContent(300_000), 1_000_000, "txt"));

        // An upload can fail before the server's accept loop counted its connection (the kernel accepted it).
        awaitCondition(() -> server.acceptedStorageConnections() >= 3, "three storage connections to be counted");
        assertEquals(3, server.acceptedStorageConnections(), "a connection of a failed upload was reused");
        assertTrue(fewBytesShort.getMessage().contains("95 of 100"), fewBytesShort.toString());
        assertTrue(farShort.getMessage().contains("1000000 of 2000000"), farShort.toString());
        assertEquals("disk gone", failing.getMessage());
        awaitNoFiles();

        // The server and the client are still fine afterwards.
        byte[] content = randomBytes(8, 1_000);
        String fileId = store.store(new ByteArrayInputStream(content), content.length, "txt");
        assertArrayEquals(content, readAll(fileId, content.length));
    }

    @Test
    void aFailingOutputStopsTheReadWithItsException() throws IOException {
        byte[] content = randomBytes(9, 2_000_000);
        String fileId = store.store(new ByteArrayInputStream(content), content.length, "bin");
        IOException clientGone = new IOException("client went away");
        OutputStream out = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 100_000) {
                    throw clientGone;
                }
            }
        };

        IOException thrown = assertThrows(IOException.class, () -> store.read(fileId, 0, content.length, out));

        assertSame(clientGone, thrown);
        assertArrayEquals(content, readAll(fileId, content.length));
        assertEquals(2, server.acceptedStorageConnections(), "the connection of the cut download was reused");
    }

    @Test
    void storeFailsWhenTheStorageIsUnavailable() {
        server.setStorageAvailable(false);
        byte[] content = randomBytes(10, 1_000);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThrows(IOException.class,
                    () -> store.store(new ByteArrayInputStream(content), content.length, "txt"));
        });

        server.setStorageAvailable(true);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            String fileId = store.store(new ByteArrayInputStream(content), content.length, "txt");
            assertArrayEquals(content, readAll(fileId, content.length));
        });
    }

    /**
     * A storage going away while uploads run: each upload either gets its file's id or fails, and a file the storage
     * finished just as its connection closed stays behind unnamed (as with FastDFS itself). The test server counts
     * those exactly, which is what lets OutageIT tell them from files the application leaves behind.
     */
    @Test
    void storesCutByTheStorageLeaveExactlyTheFilesItCouldNotAnswer() throws Exception {
        byte[] content = randomBytes(12, 4_000);
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        var stop = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(uploaders.submit(() -> {
                while (!stop.get()) {
                    try {
                        stored.add(store.store(new ByteArrayInputStream(content), content.length, "bin"));
                    } catch (IOException cut) {
                        // failed in the cut: no id, and nothing the application could delete
                    }
                }
                return null;
            }));
        }
        try {
            for (int round = 0; round < 100; round++) {
                Thread.sleep(20);
                server.setStorageAvailable(false);
                Thread.sleep(5);
                server.setStorageAvailable(true);
            }
        } finally {
            stop.set(true);
            uploaders.shutdown();
        }
        for (Future<?> uploader : running) {
            uploader.get(20, TimeUnit.SECONDS);
        }
        // the storage drops a cut upload's partial file in its own time, after the client saw the failure
        awaitCondition(() -> server.temporaryUploads() == 0, "the cut uploads' partial files to go");

        assertFalse(stored.isEmpty(), "no upload got through between the cuts");
        assertTrue(stored.stream().noneMatch(server.unansweredUploads()::contains), "an answered upload counted unanswered");
        assertEquals(stored.size() + server.unansweredUploads().size(), server.fileCount());
        server.removeUnansweredUploads();
        assertEquals(stored.size(), server.fileCount());
        assertTrue(server.unansweredUploads().isEmpty());
    }

    @Test
    void aSilentStorageTimesOutInsteadOfHanging() {
        server.setStorageResponding(false);
        byte[] content = randomBytes(11, 1_000);

        long started = System.nanoTime();
        IOException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class,
                () -> store.store(new ByteArrayInputStream(content), content.length, "txt")));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertInstanceOf(java.net.SocketTimeoutException.class, timedOut, timedOut.toString());
        assertTrue(elapsedMillis >= NETWORK_TIMEOUT_MILLIS - 500, "timed out after " + elapsedMillis + " ms");
    }

    @Test
    void unreachableTrackerIsAnIOException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FastDfsContentStore unreachable =
                new FastDfsContentStore("127.0.0.1:" + closedPort, CONNECT_TIMEOUT_MILLIS, NETWORK_TIMEOUT_MILLIS);

        assertThrows(IOException.class, () -> unreachable.store(new ByteArrayInputStream(new byte[1]), 1, "txt"));
        assertThrows(IOException.class, () -> unreachable.exists("group1/M00/00/00/x.txt"));
    }

    // ---- helpers ----

    private byte[] readAll(String fileId, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        store.read(fileId, 0, length, out);
        return out.toByteArray();
    }

    private void awaitNoFiles() throws Exception {
        // The server notices an aborted upload asynchronously.
        awaitCondition(() -> server.fileCount() == 0, "the files in " + server.dir() + " to go");
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for something the server does asynchronously; a deadline only to end a test that would hang. */
    private static void awaitCondition(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("waited 10 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String lastSegment(String fileId) {
        return fileId.substring(fileId.lastIndexOf('/') + 1);
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Pseudo-random content computed from its position, so any range can be checked without keeping it. */
    private static final class GeneratedContent extends InputStream {
        private final long seed;
        private final long size;
        private final long available;
        final MessageDigest md5;
        long position;

        /** {@code available} bytes of a {@code size}-byte content: fewer than size simulates a stream ending early. */
        GeneratedContent(long seed, long size, long available) throws NoSuchAlgorithmException {
            this.seed = seed;
            this.size = size;
            this.available = available;
            this.md5 = MessageDigest.getInstance("MD5");
        }

        static byte at(long seed, long position) {
            long x = (position + seed * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
            x ^= x >>> 31;
            x *= 0x94D049BB133111EBL;
            return (byte) (x >>> 40);
        }

        static byte[] bytes(long seed, long offset, int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = at(seed, offset + i);
            }
            return bytes;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long left = Math.min(size, available) - position;
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = at(seed, position + i);
            }
            md5.update(buffer, offset, n);
            position += n;
            return n;
        }
    }

    /** Content whose source fails after some bytes, as a broken upload from a browser would. */
    private static final class FailingContent extends InputStream {
        private final long failAfter;
        private long position;

        FailingContent(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAfter) {
                throw new IOException("disk gone");
            }
            int n = (int) Math.min(length, failAfter - position);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            position += n;
            return n;
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
