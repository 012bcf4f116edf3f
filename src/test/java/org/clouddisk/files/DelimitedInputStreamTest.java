package org.clouddisk.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimitedInputStreamTest {

    private static final byte[] DELIMITER = bytes("\r\n------Boundary42");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An underlying stream that hands out at most {@code chunk} bytes per read, as a network stream may. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /** Everything the stream yields, read with reads of {@code readSize} bytes (0: one byte at a time with read()). */
    private static byte[] drain(InputStream in, int readSize) throws IOException {
        var out = new ByteArrayOutputStream();
        if (readSize == 0) {
            for (int b; (b = in.read()) != -1; ) {
                out.write(b);
            }
        } else {
            byte[] buffer = new byte[readSize];
            for (int n; (n = in.read(buffer, 0, readSize)) != -1; ) {
                assertTrue(n > 0, "a read of " + readSize + " answered " + n);
                out.write(buffer, 0, n);
            }
        }
        assertEquals(-1, in.read(), "stays at the end");
        assertEquals(-1, in.read(new byte[8], 0, 8), "stays at the end");
        return out.toByteArray();
    }

    private static byte[] read(byte[] stream, byte[] delimiter, int bufferSize, int chunk, int readSize)
            throws IOException {
        return drain(new DelimitedInputStream(trickle(stream, chunk), delimiter, bufferSize), readSize);
    }

    @Test
    void yieldsTheBytesBeforeTheDelimiter() throws IOException {
        byte[] content = bytes("hello, world");
        assertArrayEquals(content, read(concat(content, DELIMITER, bytes("--\r\n")), DELIMITER, 64 * 1024, 1 << 20, 4096));
    }

    @Test
    void stopsAtTheFirstDelimiterAndIgnoresWhatFollows() throws IOException {
        byte[] content = bytes("abc");
        byte[] stream = concat(content, DELIMITER, bytes("more"), DELIMITER, bytes("trailing"));
        assertArrayEquals(content, read(stream, DELIMITER, 64, 7, 5));
    }

    @Test
    void anEmptyContentIsTheDelimiterRightAway() throws IOException {
        assertArrayEquals(new byte[0], read(concat(DELIMITER, bytes("--")), DELIMITER, 16, 3, 10));
        assertArrayEquals(new byte[0], read(DELIMITER, DELIMITER, 16, 100, 0), "nothing after the delimiter");
    }

    /** Every split of the stream into underlying reads, every buffer size down to the minimum, every read size. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 17, 18, 19, 35, 36, 37, 1000})
    void findsTheDelimiterSplitAcrossBufferAndReadBoundaries(int chunk) throws IOException {
        byte[] content = bytes("0123456789abcdefghijklmnopqrstuvwxyz\r\n-----Boundary4\r\n------Boundary4");
        byte[] stream = concat(content, DELIMITER, bytes("--\r\n"));
        for (int bufferSize : new int[]{0, 1, DELIMITER.length, DELIMITER.length * 2, DELIMITER.length * 2 + 1, 50, 64}) {
            for (int readSize : new int[]{0, 1, 2, 7, DELIMITER.length - 1, DELIMITER.length, 100}) {
                assertArrayEquals(content, read(stream, DELIMITER, bufferSize, chunk, readSize),
                        "buffer " + bufferSize + ", chunk " + chunk + ", read " + readSize);
            }
        }
    }

    /** Content holding every proper prefix of the delimiter, and near misses, is content. */
    @Test
    void keepsPartialDelimitersInTheContent() throws IOException {
        var content = new ByteArrayOutputStream();
        for (int i = 1; i < DELIMITER.length; i++) {
            content.write(DELIMITER, 0, i);
            content.write('x');
        }
        content.write(DELIMITER, 0, DELIMITER.length - 1); // the last byte differs:
        content.write('3');
        content.write(DELIMITER, 0, 1);                    // and \r\r\n--...
        content.write(DELIMITER, 0, DELIMITER.length - 1);
        content.write('!');
        content.write(DELIMITER, 0, DELIMITER.length - 1); // a prefix right before the real delimiter
        byte[] expected = content.toByteArray();
        byte[] stream = concat(expected, DELIMITER);
        for (int chunk : new int[]{1, 2, 3, 16, 17, 18, 4096}) {
            for (int bufferSize : new int[]{1, 40, 4096}) {
                assertArrayEquals(expected, read(stream, DELIMITER, bufferSize, chunk, 3), "chunk " + chunk);
                assertArrayEquals(expected, read(stream, DELIMITER, bufferSize, chunk, 0), "chunk " + chunk);
            }
        }
    }

    @Test
    void aStreamWithoutTheDelimiterIsTruncated() {
        byte[] content = bytes("no delimiter at all, just bytes");
        for (byte[] stream : new byte[][]{content, new byte[0], concat(content, bytes("\r\n------Boundary4")),
                Arrays.copyOf(DELIMITER, DELIMITER.length - 1)}) {
            for (int chunk : new int[]{1, 5, 1000}) {
                assertThrows(EOFException.class, () -> read(stream, DELIMITER, 36, chunk, 8));
                assertThrows(EOFException.class, () -> read(stream, DELIMITER, 36, chunk, 0));
            }
        }
    }

    @Test
    void answersTheContentThenTheEndThenNothingForEmptyReads() throws IOException {
        byte[] content = bytes("data");
        var in = new DelimitedInputStream(new ByteArrayInputStream(concat(content, DELIMITER, new byte[]{'\r'})),
                DELIMITER, 64);
        byte[] got = new byte[100];
        int n = in.read(got, 0, 100);
        assertEquals(4, n);
        assertArrayEquals(content, Arrays.copyOf(got, n));
        assertEquals(-1, in.read(got, 0, 100));
        assertEquals(0, in.read(got, 0, 0), "a read of nothing");
    }

    /** Random content over a small alphabet rich in delimiter bytes, random boundaries, random chunking. */
    @Test
    void matchesAByteForByteOracleOnRandomStreams() throws IOException {
        Random random = new Random(20240611);
        for (int round = 0; round < 300; round++) {
            byte[] delimiter = concat(bytes("\r\n"), randomBytes(random, 1 + random.nextInt(40), bytes("-Ab")));
            byte[] alphabet = concat(delimiter, bytes("\r\n-x"));
            int size = round < 20 ? random.nextInt(2 << 20) : random.nextInt(5000);
            byte[] body = round % 2 == 0 ? randomBytes(random, size, alphabet) : randomBytes(random, size, null);
            byte[] stream = concat(body, delimiter, randomBytes(random, random.nextInt(50), alphabet));
            byte[] expected = Arrays.copyOf(stream, indexOf(stream, delimiter));
            int bufferSize = random.nextInt(3) == 0 ? random.nextInt(100) : 64 * 1024;
            int chunk = 1 + random.nextInt(random.nextBoolean() ? 10 : 100_000);
            int readSize = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(70_000);
            if (size > 100_000 && (chunk < 1000 || readSize < 1000)) {
                chunk = 1000 + chunk;
                readSize = 1000 + readSize; // big streams: keep the test fast
            }
            assertArrayEquals(expected, read(stream, delimiter, bufferSize, chunk, readSize),
                    "round " + round + ": " + size + " bytes, buffer " + bufferSize + ", chunk " + chunk);
        }
    }

    private static byte[] randomBytes(Random random, int size, byte[] alphabet) {
        byte[] b = new byte[size];
        if (alphabet == null) {
            random.nextBytes(b);
        } else {
            for (int i = 0; i < size; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
        }
        return b;
    }

    /** The first index of needle in haystack (a plain search: the oracle). */
    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no delimiter");
    }
}
