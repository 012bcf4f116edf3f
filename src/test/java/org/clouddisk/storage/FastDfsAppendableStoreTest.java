package org.clouddisk.storage;

import org.clouddisk.storage.fdfs.FastDfsTestServer;
import org.csource.fastdfs.ProtoCommon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FastDFS store's appendable content (appender files) against the project's FastDFS server, which speaks the
 * appender commands as FastDFS 6.x does; the raw exchanges below check the wire format byte by byte.
 */
class FastDfsAppendableStoreTest extends AppendableContentStoreContract {

    @TempDir
    Path dir;

    private FastDfsTestServer server;
    private FastDfsContentStore store;

    @BeforeEach
    void startServer() throws IOException {
        server = FastDfsTestServer.start(0, 0, dir);
        store = new FastDfsContentStore(server.trackers(), 2_000, 3_000);
    }

    @AfterEach
    void stopServer() {
        store.close();
        server.stop();
    }

    @Override
    AppendableContentStore store() {
        return store;
    }

    @Override
    long storedFiles() throws IOException {
        return server.fileCount();
    }

    /** The size field a FastDFS file name encodes (bytes 8..16 of its 27 base64 characters). */
    private static long encodedSize(String fileId) {
        String name = fileId.substring(fileId.lastIndexOf('/') + 1);
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(name.substring(0, 27))).getLong(8);
    }

    @Test
    void anAppenderFileCarriesTheAppenderFlagUntilSealed() throws IOException {
        String id = store.createAppendable("txt");
        assertTrue((encodedSize(id) & ProtoCommon.APPENDER_FILE_SIZE) != 0, id);
        append(id, 0, new byte[1234], 1234);

        String sealed = store.seal(id, "txt");

        assertEquals(1234, encodedSize(sealed), "an ordinary file's name encodes its size");
    }

    @Test
    void anOrdinaryFileTakesNoAppend() throws IOException {
        String ordinary = store.store(new ByteArrayInputStream(new byte[]{1, 2, 3}), 3, "");
        IOException refused = assertThrows(IOException.class, () -> append(ordinary, 3, new byte[]{4}, 1));
        assertTrue(refused.getMessage().contains("status 22"), refused.getMessage());
        assertThrows(IOException.class, () -> store.truncate(ordinary, 1));
        assertEquals(3, store.length(ordinary), "nothing changed");
    }

    @Test
    void sealingAnOrdinaryFileKeepsItsId() throws IOException {
        String ordinary = store.store(new ByteArrayInputStream(new byte[]{1}), 1, "");
        assertEquals(ordinary, store.seal(ordinary, ""), "EINVAL: the file stays as it is, under its id");
    }

    @Test
    void anAppendCutOffMidwayLeavesTheFileAsItWas() throws Exception {
        String id = store.createAppendable("");
        append(id, 0, new byte[]{7, 7, 7}, 3);
        byte[] name = id.substring(id.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        int openBefore = server.openStorageConnections();
        int acceptedBefore = server.acceptedStorageConnections();
        try (Socket socket = new Socket("127.0.0.1", storagePort())) {
            OutputStream out = socket.getOutputStream();
            // header: body length, command 24, status 0; body: name length, bytes, name, then half the bytes
            out.write(ProtoCommon.packHeader((byte) 24, 16 + name.length + 100, (byte) 0));
            out.write(ByteBuffer.allocate(16).putLong(name.length).putLong(100).array());
            out.write(name);
            out.write(new byte[50]);
            out.flush();
        }
        awaitServed(acceptedBefore, openBefore);
        assertEquals(3, store.length(id), "the 50 bytes of the cut append are gone");
    }

    @Test
    void aShortAppendIsCompletedAndCutBackOnItsOwnConnection() throws Exception {
        String id = store.createAppendable("");
        append(id, 0, new byte[]{1}, 1);
        int acceptedBefore = server.acceptedStorageConnections();

        assertEquals(100, store.append(id, 1, trickle(random(100, 11), 100, false), 1 << 20));

        append(id, 101, new byte[]{2}, 1);
        assertEquals(102, store.length(id));
        assertEquals(acceptedBefore, server.acceptedStorageConnections(),
                "the append was completed on its connection, not dropped (which would make the storage roll it back)");
    }

    @Test
    void aClientPausingLongerThanTheStoragesTimeoutFailsTheAppendAndItIsCutBack() throws Exception {
        server.setNetworkTimeout(Duration.ofMillis(300)); // for the connections opened from now on
        String id = store.createAppendable("");
        append(id, 0, new byte[]{1, 2, 3}, 3);
        InputStream pausing = new SequenceInputStream(new ByteArrayInputStream(new byte[1000]), new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException("the store reads in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                try {
                    Thread.sleep(1500); // the client pauses mid-append; the storage closes the silent connection
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Arrays.fill(b, off, off + Math.min(len, 1000), (byte) 9);
                return Math.min(len, 1000);
            }
        });

        assertThrows(IOException.class, () -> store.append(id, 3, pausing, 3000), "the storage dropped the append");

        server.setNetworkTimeout(Duration.ZERO);
        store.truncate(id, 3); // what the caller does after a failed append
        assertEquals(3, store.length(id));
    }

    @Test
    void regenerateAnswersGroupAndNewNameOnTheWire() throws Exception {
        String id = store.createAppendable("bin");
        append(id, 0, new byte[]{1, 2, 3, 4}, 4);
        byte[] name = id.substring(id.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", storagePort())) {
            OutputStream out = socket.getOutputStream();
            out.write(ProtoCommon.packHeader((byte) 38, name.length, (byte) 0));
            out.write(name);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[10];
            in.readFully(header);
            long bodyLength = ByteBuffer.wrap(header).getLong();
            assertEquals(100, header[8], "a storage answer");
            assertEquals(0, header[9], "status");
            byte[] body = new byte[(int) bodyLength];
            in.readFully(body);
            String group = new String(body, 0, 16, StandardCharsets.UTF_8).trim();
            String newName = new String(body, 16, body.length - 16, StandardCharsets.UTF_8);
            assertEquals("group1", group);
            assertTrue(newName.matches("M00/[0-9A-F]{2}/[0-9A-F]{2}/[A-Za-z0-9_-]{30}\\.bin"), newName);
            assertEquals(4, store.length("group1/" + newName));
            assertFalse(store.exists(id));
        }
    }

    private int storagePort() {
        return server.storagePort();
    }

    /**
     * The server serves the raw connection on its own thread and forgets it only once done with it (after cutting the
     * file back): wait until it has.
     */
    private void awaitServed(int acceptedBefore, int openBefore) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        // first the server must have taken the connection: until then the open count is the old one already
        while (server.acceptedStorageConnections() == acceptedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        while (server.openStorageConnections() > openBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(openBefore, server.openStorageConnections(), "the server is done with the cut connection");
    }
}
