package org.clouddisk.storage;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link AppendableContentStore} does, run against each store by a subclass. */
abstract class AppendableContentStoreContract {

    abstract AppendableContentStore store();

    /** How many files the store holds, appendable ones included. */
    abstract long storedFiles() throws IOException;

    static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Appends bytes in memory, which must all be taken. */
    void append(String id, long offset, byte[] bytes, int length) throws IOException {
        assertEquals(length, store().append(id, offset, new ByteArrayInputStream(bytes, 0, length), length));
    }

    /** Gives at most {@code chunk} bytes per read, as a network connection does, then ends (or fails). */
    static InputStream trickle(byte[] bytes, int chunk, boolean failAtEnd) {
        return new InputStream() {
            int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException("the stores read in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (next == bytes.length) {
                    if (failAtEnd) {
                        throw new IOException("connection reset");
                    }
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), bytes.length - next);
                System.arraycopy(bytes, next, b, off, n);
                next += n;
                return n;
            }
        };
    }

    byte[] read(String fileId, long length) throws IOException {
        var out = new ByteArrayOutputStream();
        store().read(fileId, 0, length, out);
        return out.toByteArray();
    }

    @Test
    void appendsAndSealsIntoOrdinaryContent() throws IOException {
        byte[] content = random(300_000, 1);
        String id = store().createAppendable("txt");
        assertEquals(0, store().length(id));
        append(id, 0, Arrays.copyOfRange(content, 0, 100_000), 100_000);
        assertEquals(100_000, store().length(id));
        byte[] rest = Arrays.copyOfRange(content, 100_000, content.length);
        append(id, 100_000, rest, rest.length);
        assertEquals(content.length, store().length(id));

        String sealed = store().seal(id, "txt");

        assertNotEquals(id, sealed);
        assertTrue(sealed.startsWith("group1/M00/") && sealed.endsWith(".txt"), sealed);
        assertArrayEquals(content, read(sealed, content.length));
        assertTrue(store().exists(sealed));
        assertThrows(ContentMissingException.class, () -> store().length(id), "the appendable id is gone");
        assertEquals(1, storedFiles(), "sealing renames: no second copy");
    }

    @Test
    void appendsOnlyThePartOfTheBufferItIsGiven() throws IOException {
        String id = store().createAppendable("");
        byte[] buffer = random(1000, 2);
        append(id, 0, buffer, 10);
        String sealed = store().seal(id, "");
        assertArrayEquals(Arrays.copyOf(buffer, 10), read(sealed, 10));
    }

    @Test
    void truncateCutsBackAndAppendsGoOnFromThere() throws IOException {
        byte[] first = random(5000, 3);
        byte[] second = random(7000, 4);
        String id = store().createAppendable("bin");
        append(id, 0, first, first.length);
        append(id, first.length, second, second.length);

        store().truncate(id, first.length);

        assertEquals(first.length, store().length(id));
        append(id, first.length, first, first.length);
        String sealed = store().seal(id, "bin");
        byte[] expected = new byte[2 * first.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(first, 0, expected, first.length, first.length);
        assertArrayEquals(expected, read(sealed, expected.length));
    }

    @Test
    void anAppenderWritesWhatTheStoreSees() throws IOException {
        byte[] first = random(6000, 5);
        byte[] second = random(9000, 6);
        String id = store().createAppendable("bin");
        AppendableContentStore.Appender appender = store().openAppender(id);
        appender.append(0, first, first.length);
        appender.append(first.length, second, second.length);
        assertEquals(first.length + second.length, appender.length());

        appender.truncate(first.length);

        assertEquals(first.length, store().length(id), "the appender's cut is the store's");
        append(id, first.length, second, 100);
        assertEquals(first.length + 100, appender.length(), "and the store's append is the appender's");
        String sealed = store().seal(id, "bin");
        byte[] expected = Arrays.copyOf(first, first.length + 100);
        System.arraycopy(second, 0, expected, first.length, 100);
        assertArrayEquals(expected, read(sealed, expected.length));
        assertThrows(ContentMissingException.class, appender::length, "sealed: the appendable id is gone");
    }

    @Test
    void streamsAnAppendAsItsBytesArrive() throws IOException {
        byte[] content = random(3 << 20, 7);
        String id = store().createAppendable("bin");
        assertEquals(content.length, store().append(id, 0, trickle(content, 1000, false), content.length));
        assertArrayEquals(content, read(store().seal(id, "bin"), content.length));
    }

    @Test
    void aSourceThatEndsEarlyLeavesExactlyWhatArrived() throws IOException {
        byte[] arrived = random(70_000, 8);
        byte[] rest = random(30_000, 9);
        String id = store().createAppendable("bin");
        append(id, 0, new byte[]{5}, 1);

        long appended = store().append(id, 1, trickle(arrived, 4096, false), 100_000);

        assertEquals(arrived.length, appended);
        assertEquals(1 + arrived.length, store().length(id), "no byte beyond what arrived");
        append(id, 1 + arrived.length, rest, rest.length);
        byte[] expected = new byte[1 + arrived.length + rest.length];
        expected[0] = 5;
        System.arraycopy(arrived, 0, expected, 1, arrived.length);
        System.arraycopy(rest, 0, expected, 1 + arrived.length, rest.length);
        assertArrayEquals(expected, read(store().seal(id, "bin"), expected.length));
    }

    @Test
    void aSourceThatGivesNothingAppendsNothing() throws IOException {
        String id = store().createAppendable("");
        append(id, 0, new byte[]{1, 2}, 2);
        assertEquals(0, store().append(id, 2, InputStream.nullInputStream(), 1000));
        assertEquals(2, store().length(id));
    }

    @Test
    void aSourceThatFailsLeavesContentTheCallerCutsBack() throws IOException {
        String id = store().createAppendable("");
        append(id, 0, new byte[]{1, 2, 3}, 3);
        assertThrows(IOException.class, () -> store().append(id, 3, trickle(random(5000, 10), 999, true), 9000));
        long held = store().length(id);
        assertTrue(held >= 3 && held <= 3 + 9000, "between the offset and the declared end: " + held);
        store().truncate(id, 3);
        append(id, 3, new byte[]{4}, 1);
        assertArrayEquals(new byte[]{1, 2, 3, 4}, read(store().seal(id, ""), 4));
    }

    @Test
    void sealsEmptyContent() throws IOException {
        String sealed = store().seal(store().createAppendable(""), "");
        assertTrue(store().exists(sealed));
        assertEquals(1, storedFiles());
    }

    @Test
    void deletesAppendableContent() throws IOException {
        String id = store().createAppendable("txt");
        append(id, 0, new byte[]{1, 2, 3}, 3);

        assertTrue(store().delete(id));

        assertFalse(store().delete(id), "already gone");
        assertThrows(ContentMissingException.class, () -> store().length(id));
        assertThrows(ContentMissingException.class, () -> append(id, 3, new byte[]{4}, 1));
        assertEquals(0, storedFiles());
    }

    @Test
    void unknownAppendableContentIsMissing() {
        String id = "group1/M00/00/00/nothing-of-the-kind";
        assertThrows(IOException.class, () -> store().length(id));
        assertThrows(IOException.class, () -> store().seal(id, ""));
    }

    @Test
    void appendableContentIsNotListedAsContent() throws IOException {
        String ordinary = store().store(new java.io.ByteArrayInputStream(new byte[]{9}), 1, "");
        store().createAppendable("");
        var listed = store().list();
        if (listed.isPresent()) {
            try (var ids = listed.get()) {
                assertEquals(java.util.List.of(ordinary), ids.toList());
            }
        }
    }
}
