package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.csource.common.MyException;
import org.csource.fastdfs.ClientGlobal;
import org.csource.fastdfs.ProtoCommon;
import org.csource.fastdfs.TrackerGroup;
import org.csource.fastdfs.UploadCallback;

/**
 * Content kept in a FastDFS cluster, through the csource client (org.csource.fastdfs).
 *
 * <p>Every operation asks a tracker for a storage server (an {@link #openAppender appender} asks once for all of
 * its operations), then talks to that server, each time over a
 * connection of its own taken from a {@link FastDfsConnectionPool}: the library's clients keep per-call state
 * (error codes, the current connection) and are not thread-safe, so each operation gets a new
 * {@link FastDfsStorageClient} over a connection nobody else uses meanwhile. A connection goes back to the pool
 * only after an exchange that completed with success.
 *
 * <p>The library keeps its timeouts and charset in process-wide static fields ({@link ClientGlobal}); all
 * instances share them and the last one constructed wins. The tracker list, in contrast, is per instance.
 *
 * <p>Appendable content is a FastDFS appender file (upload_appender_file, then append_file, each streamed with its
 * declared length; truncate_file cuts a failed append back, and the zeros that complete an append whose source ended
 * early). Sealing asks the storage to rename it into an ordinary file (regenerate_appender_filename,
 * FastDFS 6.02 and later); a storage that cannot keeps the appender file, whose id then stays the content's.
 *
 * <p>FastDFS keeps at most 6 extension characters, letters and digits; any other extension is not kept in the
 * id (the content is stored all the same), so that an id never carries a silently truncated extension.
 */
public class FastDfsContentStore implements AppendableContentStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FastDfsContentStore.class.getName());

    private static final Object LIBRARY_SETTINGS_LOCK = new Object();
    private static final Pattern STORABLE_EXTENSION = Pattern.compile("[A-Za-z0-9]{1,6}");
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    private static final int GROUP_NAME_BYTES = ProtoCommon.FDFS_GROUP_NAME_MAX_LEN;
    private static final int IP_BYTES = ProtoCommon.FDFS_IPADDR_SIZE - 1;
    private static final byte ERR_NO_ENOENT = ProtoCommon.ERR_NO_ENOENT;
    // Returned from the upload callback to make the library stop; the real cause is kept and rethrown by us.
    private static final int ABORTED = ProtoCommon.ERR_NO_EIO;

    private final String trackers;
    private final InetSocketAddress[] trackerAddresses;
    private final AtomicInteger nextTracker = new AtomicInteger();
    private final FastDfsConnectionPool pool;

    /**
     * @param trackers "host:port[,host:port...]"
     * @param connectTimeoutMillis timeout for connecting to a tracker or storage server
     * @param networkTimeoutMillis timeout of each socket read (a silent server fails after this long)
     */
    public FastDfsContentStore(String trackers, int connectTimeoutMillis, int networkTimeoutMillis) {
        this(trackers, connectTimeoutMillis, networkTimeoutMillis, FastDfsConnectionPool.Limits.DEFAULT);
    }

    FastDfsContentStore(String trackers, int connectTimeoutMillis, int networkTimeoutMillis,
                        FastDfsConnectionPool.Limits poolLimits) {
        if (connectTimeoutMillis <= 0 || networkTimeoutMillis <= 0) {
            // 0 would mean "wait forever" to java.net.Socket
            throw new IllegalArgumentException("FastDFS timeouts must be positive");
        }
        this.trackerAddresses = parseTrackers(trackers);
        this.trackers = trackers.trim();
        this.pool = new FastDfsConnectionPool(poolLimits, connectTimeoutMillis);
        configureLibrary(trackerAddresses, connectTimeoutMillis, networkTimeoutMillis);
    }

    private static InetSocketAddress[] parseTrackers(String trackers) {
        Objects.requireNonNull(trackers, "trackers");
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : trackers.split(",")) {
            String hostPort = entry.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("FastDFS tracker must be host:port, got '" + hostPort + "'");
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("FastDFS tracker port is not a number in '" + hostPort + "'", e);
            }
            addresses.add(new InetSocketAddress(hostPort.substring(0, colon), port));
        }
        return addresses.toArray(new InetSocketAddress[0]);
    }

    private static void configureLibrary(InetSocketAddress[] addresses, int connectTimeoutMillis,
                                         int networkTimeoutMillis) {
        // ClientGlobal is static: serialise writers so that concurrent constructions never interleave.
        synchronized (LIBRARY_SETTINGS_LOCK) {
            if (ClientGlobal.getG_tracker_group() != null
                    && (ClientGlobal.getG_connect_timeout() != connectTimeoutMillis
                    || ClientGlobal.getG_network_timeout() != networkTimeoutMillis)) {
                LOG.log(System.Logger.Level.WARNING, "FastDFS client timeouts changed to connect={0} ms, "
                        + "network={1} ms for the whole process", connectTimeoutMillis, networkTimeoutMillis);
            }
            // The setters take milliseconds (only the config-file loaders multiply seconds by 1000).
            ClientGlobal.setG_connect_timeout(connectTimeoutMillis);
            ClientGlobal.setG_network_timeout(networkTimeoutMillis);
            ClientGlobal.setG_charset("UTF-8");
            // Only library code that falls back to the global tracker list reads this; ours uses trackerAddresses.
            if (ClientGlobal.getG_tracker_group() == null) {
                ClientGlobal.setG_tracker_group(new TrackerGroup(addresses));
            }
        }
    }

    @Override
    public String store(InputStream content, long size, String extension) throws IOException {
        Objects.requireNonNull(content, "content");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        return upload(content, size, extension, false);
    }

    /** An ordinary file or an appender file, from exactly {@code size} bytes. */
    private String upload(InputStream content, long size, String extension, boolean appender) throws IOException {
        String ext = storableExtension(extension);
        String fileId = onStorage(Route.STORE, null, client -> {
            ExactUpload upload = new ExactUpload(content, size);
            String id = appender ? client.upload_appender_file1(null, size, upload, ext, null)
                    : client.upload_file1(null, size, upload, ext, null);
            if (upload.failure != null) {
                throw upload.failure;
            }
            if (id == null) {
                throw new IOException("FastDFS upload failed, status " + client.getErrorCode());
            }
            return id;
        });
        return checkedNewId(fileId, ext);
    }

    private static String storableExtension(String extension) {
        return extension != null && STORABLE_EXTENSION.matcher(extension).matches() ? extension : "";
    }

    /** A new file's id as the storage answered it, when it is one we can hand out. */
    private String checkedNewId(String fileId, String ext) throws IOException {
        if (!isFileId(fileId) || !(ext.isEmpty() || fileId.endsWith("." + ext))) {
            // Stored, but not under an id we can hand out: remove it rather than leave an orphan.
            deleteQuietly(fileId);
            throw new IOException("FastDFS answered an unexpected file id '" + fileId + "'");
        }
        return fileId;
    }

    @Override
    public String createAppendable(String extension) throws IOException {
        return upload(InputStream.nullInputStream(), 0, extension, true);
    }

    @Override
    public long append(String id, long offset, InputStream source, long length) throws IOException {
        return appendOn(updateTarget(id), id, offset, source, length);
    }

    @Override
    public long length(String id) throws IOException {
        return lengthOn(updateTarget(id), id);
    }

    @Override
    public void truncate(String id, long length) throws IOException {
        truncateOn(updateTarget(id), id, length);
    }

    /**
     * The storage server of an appender file is fixed by its id (the group) and the tracker's choice within the
     * group for updates, so one tracker query serves all of a writer's appends; each operation still takes its
     * connection from the pool, which hands back the one just used (and tests it when it idled, so a PATCH whose
     * client pauses never writes into a connection the storage closed meanwhile).
     */
    @Override
    public Appender openAppender(String id) {
        return new Appender() {
            private StorageTarget target;

            private StorageTarget target() throws IOException {
                if (target == null) {
                    target = updateTarget(id);
                }
                return target;
            }

            @Override
            public long append(long offset, InputStream source, long length) throws IOException {
                return appendOn(target(), id, offset, source, length);
            }

            @Override
            public long length() throws IOException {
                return lengthOn(target(), id);
            }

            @Override
            public void truncate(long length) throws IOException {
                truncateOn(target(), id, length);
            }
        };
    }

    private StorageTarget updateTarget(String id) throws IOException {
        requireFileId(id);
        return locateStorage(Route.UPDATE, id);
    }

    /**
     * One append_file declaring {@code length} bytes, the source's bytes sent into the socket as they are read. A
     * source that ends first still owes the storage the rest: the storage would cut a connection that drops
     * mid-append back to where the append began (the bytes that arrived lost with it), and does so in its own time,
     * racing whatever comes next. So the append is completed with zeros and truncate_file cuts them off again, on
     * the same connection, before it goes back to the pool: the file then holds exactly the bytes that arrived.
     */
    private long appendOn(StorageTarget target, String id, long offset, InputStream source, long length)
            throws IOException {
        StreamedAppend body = new StreamedAppend(source, length);
        if (body.firstRead() <= 0) {
            return 0; // nothing to send: the storage is not asked (it would answer an empty append with success)
        }
        int status = onTarget(target, client -> {
            int appended = client.append_file1(id, length, body);
            return appended != 0 || body.arrived == length ? appended : client.truncate_file1(id, offset + body.arrived);
        });
        if (body.failure != null) {
            throw body.failure;
        }
        if (status == ERR_NO_ENOENT) {
            throw new ContentMissingException(id);
        }
        if (status != 0) {
            throw new IOException("FastDFS append to " + id + " failed, status " + status);
        }
        return body.arrived;
    }

    private long lengthOn(StorageTarget target, String id) throws IOException {
        org.csource.fastdfs.FileInfo[] info = new org.csource.fastdfs.FileInfo[1];
        int status = onTarget(target, client -> {
            info[0] = client.query_file_info1(id);
            return info[0] != null ? 0 : client.getErrorCode();
        });
        if (status == ERR_NO_ENOENT) {
            throw new ContentMissingException(id);
        }
        if (status != 0) {
            throw new IOException("FastDFS query of " + id + " failed, status " + status);
        }
        return info[0].getFileSize();
    }

    private void truncateOn(StorageTarget target, String id, long length) throws IOException {
        int status = onTarget(target, client -> client.truncate_file1(id, length));
        if (status == ERR_NO_ENOENT) {
            throw new ContentMissingException(id);
        }
        if (status != 0) {
            throw new IOException("FastDFS truncate of " + id + " failed, status " + status);
        }
    }

    @Override
    public String seal(String id, String extension) throws IOException {
        String[] sealed = new String[1];
        int status = onStorage(Route.UPDATE, id, client -> {
            sealed[0] = client.regenerateAppenderFilename(id);
            return client.getErrorCode();
        });
        if (status == ERR_NO_ENOENT) {
            throw new ContentMissingException(id);
        }
        if (status != 0) {
            // FastDFS before 6.02 knows no such command (EINVAL): the appender file stays, under its id, when the
            // storage holds it (else this throws)
            length(id);
            LOG.log(System.Logger.Level.INFO, "FastDFS kept appender file {0} as it is (status {1})", id, status);
            return id;
        }
        return checkedNewId(sealed[0], storableExtension(extension));
    }

    @Override
    public void read(String fileId, long offset, long length, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        if (length == 0) {
            // FastDFS reads "to the end" when asked for 0 bytes, so only check that the content is there.
            if (!exists(fileId)) {
                throw new ContentMissingException(fileId);
            }
            return;
        }
        int status = onStorage(Route.FETCH, fileId, client -> client.download(fileId, offset, length, out));
        if (status == ERR_NO_ENOENT) {
            throw new ContentMissingException(fileId);
        }
        if (status != 0) {
            throw new IOException("FastDFS download of " + fileId + " failed, status " + status);
        }
    }

    @Override
    public boolean exists(String fileId) throws IOException {
        // query_file_info sends storage command 22; get_file_info would only decode the id.
        int status = onStorage(Route.UPDATE, fileId,
                client -> client.query_file_info1(fileId) != null ? 0 : client.getErrorCode());
        if (status == 0) {
            return true;
        }
        if (status == ERR_NO_ENOENT) {
            return false;
        }
        throw new IOException("FastDFS query of " + fileId + " failed, status " + status);
    }

    @Override
    public boolean delete(String fileId) throws IOException {
        int status = onStorage(Route.UPDATE, fileId, client -> client.delete_file1(fileId));
        if (status == 0) {
            return true;
        }
        if (status == ERR_NO_ENOENT) {
            return false;
        }
        throw new IOException("FastDFS delete of " + fileId + " failed, status " + status);
    }

    /** FastDFS's client protocol has no command to list a storage's files. */
    @Override
    public Optional<Stream<String>> list() {
        return Optional.empty();
    }

    /** Asks a tracker where an upload would go and connects to that storage server. */
    @Override
    public void probe() throws IOException {
        onStorage(Route.STORE, null, client -> null);
    }

    private void deleteQuietly(String fileId) {
        try {
            delete(fileId);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove FastDFS file " + fileId, e);
        }
    }

    private static boolean isFileId(String fileId) {
        int slash = fileId == null ? -1 : fileId.indexOf('/');
        return slash > 0 && slash < fileId.length() - 1;
    }

    /** Which tracker query finds the storage server: where to upload, where to read, or the source copy. */
    private enum Route {
        STORE(ProtoCommon.TRACKER_PROTO_CMD_SERVICE_QUERY_STORE_WITHOUT_GROUP_ONE),
        FETCH(ProtoCommon.TRACKER_PROTO_CMD_SERVICE_QUERY_FETCH_ONE),
        UPDATE(ProtoCommon.TRACKER_PROTO_CMD_SERVICE_QUERY_UPDATE);

        final byte trackerCommand;

        Route(byte trackerCommand) {
            this.trackerCommand = trackerCommand;
        }
    }

    /** The storage server a tracker chose, and for uploads the store path on it. */
    private record StorageTarget(InetSocketAddress address, int storePathIndex) {
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T call(FastDfsStorageClient client) throws IOException, MyException;
    }

    private <T> T onStorage(Route route, String fileId, StorageCall<T> call) throws IOException {
        if (route != Route.STORE) {
            requireFileId(fileId);
        }
        return onTarget(locateStorage(route, fileId), call);
    }

    private static void requireFileId(String fileId) throws IOException {
        if (!isFileId(fileId)) {
            throw new IOException("not a FastDFS file id: '" + fileId + "'");
        }
    }

    /** One exchange with a storage server found before, over a pooled connection. */
    private <T> T onTarget(StorageTarget target, StorageCall<T> call) throws IOException {
        FastDfsConnection storage = pool.borrow(target.address());
        storage.useStorePath(target.storePathIndex());
        boolean succeeded = false;
        try {
            FastDfsStorageClient client = new FastDfsStorageClient(storage);
            T result = call.call(client);
            succeeded = client.getErrorCode() == 0;
            return result;
        } catch (MyException e) {
            throw new IOException("FastDFS client error: " + e.getMessage(), e);
        } finally {
            pool.release(storage, succeeded);
        }
    }

    /**
     * Asks a tracker (the next one in turn; the others when it cannot be reached) which storage server serves
     * the route. The library's TrackerClient cannot be used for this: it connects to the storage server it
     * found, and the point of the pool is not to.
     */
    private StorageTarget locateStorage(Route route, String fileId) throws IOException {
        byte[] request = trackerRequest(route, fileId);
        IOException unreachable = null;
        for (int attempt = 0; attempt < trackerAddresses.length; attempt++) {
            InetSocketAddress address = trackerAddresses[Math.floorMod(nextTracker.getAndIncrement(),
                    trackerAddresses.length)];
            FastDfsConnection tracker;
            try {
                tracker = pool.borrow(address);
            } catch (IOException e) {
                unreachable = e;
                continue;
            }
            boolean succeeded = false;
            try {
                tracker.socket().getOutputStream().write(request);
                ProtoCommon.RecvPackageInfo answer = ProtoCommon.recvPackage(tracker.socket().getInputStream(),
                        ProtoCommon.TRACKER_PROTO_CMD_RESP, -1);
                if (answer.errno != 0) {
                    // Also an unknown group: the tracker cannot tell that apart from a group with no live storage.
                    throw new IOException("FastDFS tracker found no storage server"
                            + (fileId == null ? "" : " for " + fileId) + ", status " + answer.errno);
                }
                StorageTarget target = storageTarget(route, answer.body);
                succeeded = true;
                return target;
            } finally {
                pool.release(tracker, succeeded);
            }
        }
        throw new IOException("no FastDFS tracker reachable at " + trackers, unreachable);
    }

    /** Header, then for a file: group name (16 bytes, zero padded) and the name within the group. */
    private static byte[] trackerRequest(Route route, String fileId) throws IOException {
        byte[] body = new byte[0];
        if (route != Route.STORE) {
            int slash = fileId.indexOf('/');
            byte[] group = fileId.substring(0, slash).getBytes(StandardCharsets.UTF_8);
            byte[] name = fileId.substring(slash + 1).getBytes(StandardCharsets.UTF_8);
            body = new byte[GROUP_NAME_BYTES + name.length];
            System.arraycopy(group, 0, body, 0, Math.min(group.length, GROUP_NAME_BYTES));
            System.arraycopy(name, 0, body, GROUP_NAME_BYTES, name.length);
        }
        byte[] header = ProtoCommon.packHeader(route.trackerCommand, body.length, (byte) 0);
        byte[] request = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, request, header.length, body.length);
        return request;
    }

    /**
     * Group (16), ip (15, zero padded), port (8); for an upload then the store path index (1). A fetch answer
     * may list more ips (15 bytes each) for the other copies: the first is the one the tracker chose.
     */
    private static StorageTarget storageTarget(Route route, byte[] answer) throws IOException {
        int expected = route == Route.STORE ? ProtoCommon.TRACKER_QUERY_STORAGE_STORE_BODY_LEN
                : ProtoCommon.TRACKER_QUERY_STORAGE_FETCH_BODY_LEN;
        if (route == Route.STORE ? answer.length != expected
                : answer.length < expected || (answer.length - expected) % IP_BYTES != 0) {
            throw new IOException("FastDFS tracker answered " + answer.length + " bytes, not a storage server");
        }
        String ip = new String(answer, GROUP_NAME_BYTES, IP_BYTES, StandardCharsets.US_ASCII).trim();
        int port = (int) ProtoCommon.buff2long(answer, GROUP_NAME_BYTES + IP_BYTES);
        int storePathIndex = route == Route.STORE ? answer[expected - 1] & 0xFF : 0;
        return new StorageTarget(new InetSocketAddress(ip, port), storePathIndex);
    }

    /** Closes the idle connections; operations still running close theirs when they end. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * Sends exactly {@code size} bytes. Unlike the library's UploadStream it keeps the cause of a failure
     * (UploadStream prints it and answers -1) and makes a short stream an error.
     */
    private static final class ExactUpload implements UploadCallback {
        private final InputStream in;
        private final long size;
        IOException failure;

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
    }

    /**
     * The body of one append_file: the source's bytes as they come, then zeros up to the declared length when the
     * source ended first. A source that throws aborts the append (the connection is dropped, never given back), and
     * the failure is kept for the caller.
     */
    private static final class StreamedAppend implements UploadCallback {
        private static final byte[] ZEROS = new byte[COPY_BUFFER_BYTES];
        private final InputStream source;
        private final long length;
        private final byte[] buffer;
        private int buffered;
        long arrived;
        IOException failure;

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
    }
}
