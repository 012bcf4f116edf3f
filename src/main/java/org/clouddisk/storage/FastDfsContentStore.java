package org.clouddisk.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.clouddisk.storage.FastDfsTrackers.Route;
import org.clouddisk.storage.FastDfsTrackers.StorageTarget;
import org.clouddisk.storage.FastDfsUploadBodies.ExactUpload;
import org.clouddisk.storage.FastDfsUploadBodies.StreamedAppend;
import org.csource.common.MyException;
import org.csource.fastdfs.ClientGlobal;
import org.csource.fastdfs.ProtoCommon;
import org.csource.fastdfs.TrackerGroup;

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
    private static final byte ERR_NO_ENOENT = ProtoCommon.ERR_NO_ENOENT;

    private final FastDfsConnectionPool pool;
    private final FastDfsTrackers trackers;

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
        this.pool = new FastDfsConnectionPool(poolLimits, connectTimeoutMillis);
        this.trackers = new FastDfsTrackers(trackers, pool);
        configureLibrary(this.trackers.addresses(), connectTimeoutMillis, networkTimeoutMillis);
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
            // Only library code that falls back to the global tracker list reads this; ours asks its own trackers.
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
            if (upload.failure() != null) {
                throw upload.failure();
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
        return trackers.locate(Route.UPDATE, id);
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
            return appended != 0 || body.arrived() == length ? appended : client.truncate_file1(id, offset + body.arrived());
        });
        if (body.failure() != null) {
            throw body.failure();
        }
        if (status == ERR_NO_ENOENT) {
            throw new ContentMissingException(id);
        }
        if (status != 0) {
            throw new IOException("FastDFS append to " + id + " failed, status " + status);
        }
        return body.arrived();
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

    @FunctionalInterface
    private interface StorageCall<T> {
        T call(FastDfsStorageClient client) throws IOException, MyException;
    }

    private <T> T onStorage(Route route, String fileId, StorageCall<T> call) throws IOException {
        if (route != Route.STORE) {
            requireFileId(fileId);
        }
        return onTarget(trackers.locate(route, fileId), call);
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

    /** Closes the idle connections; operations still running close theirs when they end. */
    @Override
    public void close() {
        pool.close();
    }
}
