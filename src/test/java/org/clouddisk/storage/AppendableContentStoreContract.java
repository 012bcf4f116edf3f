package org.clouddisk.storage;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        store().append(id, 0, Arrays.copyOfRange(content, 0, 100_000), 100_000);
        assertEquals(100_000, store().length(id));
        byte[] rest = Arrays.copyOfRange(content, 100_000, content.length);
        store().append(id, 100_000, rest, rest.length);
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
        store().append(id, 0, buffer, 10);
        String sealed = store().seal(id, "");
        assertArrayEquals(Arrays.copyOf(buffer, 10), read(sealed, 10));
    }

    @Test
    void truncateCutsBackAndAppendsGoOnFromThere() throws IOException {
        byte[] first = random(5000, 3);
        byte[] second = random(7000, 4);
        String id = store().createAppendable("bin");
        store().append(id, 0, first, first.length);
        store().append(id, first.length, second, second.length);

        store().truncate(id, first.length);

        assertEquals(first.length, store().length(id));
        store().append(id, first.length, first, first.length);
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
        store().append(id, first.length, second, 100);
        assertEquals(first.length + 100, appender.length(), "and the store's append is the appender's");
        String sealed = store().seal(id, "bin");
        byte[] expected = Arrays.copyOf(first, first.length + 100);
        System.arraycopy(second, 0, expected, first.length, 100);
        assertArrayEquals(expected, read(sealed, expected.length));
        assertThrows(ContentMissingException.class, appender::length, "sealed: the appendable id is gone");
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
        store().append(id, 0, new byte[]{1, 2, 3}, 3);

        assertTrue(store().delete(id));

        assertFalse(store().delete(id), "already gone");
        assertThrows(ContentMissingException.class, () -> store().length(id));
        assertThrows(ContentMissingException.class, () -> store().append(id, 3, new byte[]{4}, 1));
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
