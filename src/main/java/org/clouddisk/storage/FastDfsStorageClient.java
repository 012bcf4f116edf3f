package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.csource.fastdfs.ProtoCommon;
import org.csource.fastdfs.StorageClient1;
import org.csource.fastdfs.StorageServer;

/**
 * The library's StorageClient1 on one storage connection, with a download that streams the answer in 64 KiB
 * reads: the library's own download loop reads the socket 2 KiB at a time and hands each piece to a callback,
 * which costs a system call and a copy per 2 KiB. The request is the library's (send_download_package), so
 * the bytes on the wire are the same.
 */
final class FastDfsStorageClient extends StorageClient1 {

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    FastDfsStorageClient(StorageServer storage) {
        // No tracker: every call goes to this storage connection, which the library then never closes itself.
        super(null, storage);
    }

    /**
     * Writes bytes [offset, offset + length) of the file to {@code out}. Answers the storage's status: 0 when all
     * {@code length} bytes were written, otherwise the errno it answered (2 = no such file) and nothing was
     * written. {@link #getErrorCode()} answers the same afterwards.
     *
     * @param length at least 1 (0 would mean "to the end" to the storage)
     * @throws IOException when the connection or {@code out} fails part way; the connection is then unusable
     */
    int download(String fileId, long offset, long length, OutputStream out) throws IOException {
        int slash = fileId.indexOf('/');
        send_download_package(fileId.substring(0, slash), fileId.substring(slash + 1), offset, length);
        InputStream in = storageServer.getSocket().getInputStream();
        ProtoCommon.RecvHeaderInfo header = ProtoCommon.recvHeader(in, ProtoCommon.STORAGE_PROTO_CMD_RESP, -1);
        errno = header.errno;
        if (header.errno != 0) {
            return header.errno;
        }
        if (header.body_len != length) {
            errno = ProtoCommon.ERR_NO_EIO;
            throw new IOException("FastDFS answered " + header.body_len + " bytes of " + fileId + ", asked for " + length);
        }
        byte[] buffer = new byte[(int) Math.min(READ_BUFFER_BYTES, length)];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                errno = ProtoCommon.ERR_NO_EIO;
                throw new EOFException("FastDFS sent " + (length - remaining) + " of " + length + " bytes of " + fileId);
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        return 0;
    }
}
