package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    /** Not in the library's ProtoCommon (1.27), which predates FastDFS 6.02. */
    static final byte STORAGE_PROTO_CMD_REGENERATE_APPENDER_FILENAME = 38;

    FastDfsStorageClient(StorageServer storage) {
        // No tracker: every call goes to this storage connection, which the library then never closes itself.
        super(null, storage);
    }

    /**
     * regenerate_appender_filename (storage command 38, FastDFS 6.02 and later): renames an appender file into an
     * ordinary file. The body is the appender's name within its group; the answer is group (16 bytes, zero padded)
     * and the new name. Answers the new file id, or null with {@link #getErrorCode()} set to the storage's status.
     */
    String regenerateAppenderFilename(String fileId) throws IOException {
        byte[] name = fileId.substring(fileId.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        byte[] header = ProtoCommon.packHeader(STORAGE_PROTO_CMD_REGENERATE_APPENDER_FILENAME, name.length, (byte) 0);
        byte[] request = Arrays.copyOf(header, header.length + name.length);
        System.arraycopy(name, 0, request, header.length, name.length);
        storageServer.getSocket().getOutputStream().write(request);
        ProtoCommon.RecvPackageInfo answer = ProtoCommon.recvPackage(storageServer.getSocket().getInputStream(),
                ProtoCommon.STORAGE_PROTO_CMD_RESP, -1);
        errno = answer.errno;
        if (answer.errno != 0) {
            return null;
        }
        if (answer.body.length <= ProtoCommon.FDFS_GROUP_NAME_MAX_LEN) {
            errno = ProtoCommon.ERR_NO_EINVAL;
            throw new IOException("FastDFS answered " + answer.body.length + " bytes, not a file id");
        }
        String group = new String(answer.body, 0, ProtoCommon.FDFS_GROUP_NAME_MAX_LEN, StandardCharsets.UTF_8).trim();
        String newName = new String(answer.body, ProtoCommon.FDFS_GROUP_NAME_MAX_LEN,
                answer.body.length - ProtoCommon.FDFS_GROUP_NAME_MAX_LEN, StandardCharsets.UTF_8);
        return group + "/" + newName;
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
