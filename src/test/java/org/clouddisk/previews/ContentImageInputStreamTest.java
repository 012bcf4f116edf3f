package org.clouddisk.previews;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentImageInputStreamTest {

    private static final int BLOCK = 1000;

    private final MemoryContentStore store = new MemoryContentStore();
    private final byte[] content = new byte[10 * BLOCK + 123];
    private final SourceContent source;

    ContentImageInputStreamTest() {
        new Random(7).nextBytes(content);
        source = store.put("0123456789abcdef0123456789abcdef", content);
    }

    @Test
    void aSequentialReadGetsEveryByteWithOneStoreReadPerBlock() throws IOException {
        try (var input = new ContentImageInputStream(store, source.fileId(), source.size(), BLOCK)) {
            byte[] read = new byte[content.length];
            input.readFully(read);

            assertArrayEquals(content, read);
            assertEquals(11, store.reads());
            assertEquals(-1, input.read());
            assertEquals(1, input.readsPastEnd());
        }
    }

    @Test
    void seeksAcrossBlocksReadTheRightBytes() throws IOException {
        try (var input = new ContentImageInputStream(store, source.fileId(), source.size(), BLOCK)) {
            input.seek(2 * BLOCK - 3);
            byte[] acrossABoundary = new byte[10];
            input.readFully(acrossABoundary);
            input.seek(5);
            int early = input.read();
            input.seek(content.length - 1);
            int last = input.read();

            assertArrayEquals(Arrays.copyOfRange(content, 2 * BLOCK - 3, 2 * BLOCK + 7), acrossABoundary);
            assertEquals(content[5] & 0xFF, early);
            assertEquals(content[content.length - 1] & 0xFF, last);
            assertEquals(content.length, input.length());
            assertEquals(0, input.readsPastEnd());
        }
    }

    @Test
    void aStoreFailureIsReportedAsSuch() throws IOException {
        store.failReads(true);
        try (var input = new ContentImageInputStream(store, source.fileId(), source.size(), BLOCK)) {
            assertThrows(ContentUnavailableException.class, input::read);
        }
    }
}
