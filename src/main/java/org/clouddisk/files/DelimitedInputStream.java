package org.clouddisk.files;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a stream up to (not including) a delimiter, streamed through a fixed buffer: the body of a legacy
 * upload, which ends at CRLF + boundary line. A stream that ends before the delimiter is a truncated body:
 * reading it throws EOFException.
 */
final class DelimitedInputStream extends InputStream {

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    /** Where the delimiter starts in the buffer, or -1 while not seen. */
    private int found = -1;
    /** Buffer positions before this one hold no delimiter start. */
    private int searched;
    private boolean eof;

    DelimitedInputStream(InputStream in, byte[] delimiter, int bufferSize) {
        this.in = in;
        this.delimiter = delimiter.clone();
        this.buffer = new byte[Math.max(bufferSize, delimiter.length * 2)];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int safe;
        while ((safe = safeBytes()) == 0) {
            if (found >= 0) {
                return -1;
            }
            if (eof) {
                throw new EOFException("the body ended before its closing boundary");
            }
            fill();
        }
        int n = Math.min(len, safe);
        System.arraycopy(buffer, start, b, off, n);
        start += n;
        return n;
    }

    /** Bytes at the front of the buffer that are certainly content. */
    private int safeBytes() {
        if (found >= 0) {
            return found - start;
        }
        search();
        if (found >= 0) {
            return found - start;
        }
        // The last delimiter.length - 1 bytes might begin the delimiter.
        return Math.max(0, end - start - (delimiter.length - 1));
    }

    private void search() {
        int last = end - delimiter.length;
        for (int i = Math.max(searched, start); i <= last; i++) {
            if (buffer[i] == delimiter[0] && matchesAt(i)) {
                found = i;
                return;
            }
        }
        searched = Math.max(start, last + 1);
    }

    private boolean matchesAt(int i) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[i + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            searched = Math.max(0, searched - start);
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
