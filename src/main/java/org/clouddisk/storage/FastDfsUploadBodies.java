package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.csource.fastdfs.ProtoCommon;
import org.csource.fastdfs.UploadCallback;

/** What the FastDFS store sends as the body of an upload or an append, from the caller's stream. */
final class FastDfsUploadBodies {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    // Returned from a body to make the library stop; the real cause is kept for the store to rethrow.
    private static final int ABORTED = ProtoCommon.ERR_NO_EIO;

    private FastDfsUploadBodies() {
    }

    /**
     * Sends exactly {@code size} bytes. Unlike the library's UploadStream it keeps the cause of a failure
     * (UploadStream prints it and answers -1) and makes a short stream an error.
     */
    static final class ExactUpload implements UploadCallback {
        private final InputStream in;
        private final long size;
        private IOException failure;

        ExactUpload(InputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int send(OutputStream out) throws IOException {
            byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER_BYTES, size))];
            long remaining = size;
            while (remaining > 0) {
                int n;
                try {
                    // whole buffers: a request stream hands out a network buffer (16 KiB) per read, and each
                    // piece would otherwise be a write, a system call, of its own to the storage
                    n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, remaining));
                } catch (IOException e) {
                    failure = e;
                    return ABORTED;
                }
                if (n == 0) {
                    failure = new EOFException("content ended after " + (size - remaining) + " of " + size
                            + " bytes");
                    return ABORTED;
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
            return 0;
        }

        /** Why the body could not be sent in full, or null. */
        IOException failure() {
            return failure;
        }
    }

    /**
     * The body of one append_file: the source's bytes as they come, then zeros up to the declared length when the
     * source ended first. A source that throws aborts the append (the connection is dropped, never given back), and
     * the failure is kept for the caller.
     */
    static final class StreamedAppend implements UploadCallback {
        private static final byte[] ZEROS = new byte[COPY_BUFFER_BYTES];
        private final InputStream source;
        private final long length;
        private final byte[] buffer;
        private int buffered;
        private long arrived;
        private IOException failure;

        StreamedAppend(InputStream source, long length) {
            this.source = source;
            this.length = length;
            this.buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER_BYTES, length))];
        }

        /** Reads the first bytes before the storage is asked: answers how many (0 or less: none will come). */
        int firstRead() throws IOException {
            if (length <= 0) {
                return 0;
            }
            buffered = source.read(buffer, 0, (int) Math.min(buffer.length, length));
            return buffered;
        }

        @Override
        public int send(OutputStream out) throws IOException {
            int n = buffered;
            while (n > 0) {
                out.write(buffer, 0, n);
                arrived += n;
                if (arrived == length) {
                    return 0;
                }
                try {
                    n = source.read(buffer, 0, (int) Math.min(buffer.length, length - arrived));
                } catch (IOException e) {
                    failure = e;
                    return ABORTED;
                }
            }
            for (long owed = length - arrived; owed > 0; owed -= ZEROS.length) {
                out.write(ZEROS, 0, (int) Math.min(ZEROS.length, owed));
            }
            return 0;
        }

        /** The source's bytes sent (the zeros after them not counted). */
        long arrived() {
            return arrived;
        }

        /** Why the source could not be read to the end, or null. */
        IOException failure() {
            return failure;
        }
    }
}
