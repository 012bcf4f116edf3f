package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.csource.common.MyException;
import org.csource.fastdfs.ClientGlobal;
import org.csource.fastdfs.DownloadCallback;
import org.csource.fastdfs.ProtoCommon;
import org.csource.fastdfs.StorageClient1;
import org.csource.fastdfs.StorageServer;
import org.csource.fastdfs.TrackerClient;
import org.csource.fastdfs.TrackerGroup;
import org.csource.fastdfs.TrackerServer;
import org.csource.fastdfs.UploadCallback;

/**
 * Content kept in a FastDFS cluster, through the csource client (org.csource.fastdfs).
 *
 * <p>Every operation asks a tracker for a storage server and opens its own storage connection, because the
 * library's clients keep per-call state (error codes, the current connection) and are not thread-safe. Both
 * connections are closed when the operation ends, whatever happened.
 *
 * <p>The library keeps its timeouts and charset in process-wide static fields ({@link ClientGlobal}); all
 * instances share them and the last one constructed wins. The tracker list, in contrast, is per instance.
 *
 * <p>FastDFS keeps at most 6 extension characters, letters and digits; any other extension is not kept in the
 * id (the content is stored all the same), so that an id never carries a silently truncated extension.
 */
public class FastDfsContentStore implements ContentStore {

    private static final System.Logger LOG = System.getLogger(FastDfsContentStore.class.getName());

    private static final Object LIBRARY_SETTINGS_LOCK = new Object();
    private static final Pattern STORABLE_EXTENSION = Pattern.compile("[A-Za-z0-9]{1,6}");
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    private static final byte ERR_NO_ENOENT = ProtoCommon.ERR_NO_ENOENT;
    // Returned from library callbacks to make it stop; the real cause is kept and rethrown by us.
    private static final int ABORTED = ProtoCommon.ERR_NO_EIO;

    private final String trackers;
    private final TrackerGroup trackerGroup;

    /**
     * @param trackers "host:port[,host:port...]"
     * @param connectTimeoutMillis timeout for connecting to a tracker or storage server
     * @param networkTimeoutMillis timeout of each socket read (a silent server fails after this long)
     */
    public FastDfsContentStore(String trackers, int connectTimeoutMillis, int networkTimeoutMillis) {
        if (connectTimeoutMillis <= 0 || networkTimeoutMillis <= 0) {
            // 0 would mean "wait forever" to java.net.Socket
            throw new IllegalArgumentException("FastDFS timeouts must be positive");
        }
        InetSocketAddress[] addresses = parseTrackers(trackers);
        this.trackers = trackers.trim();
        this.trackerGroup = new TrackerGroup(addresses);
        configureLibrary(addresses, connectTimeoutMillis, networkTimeoutMillis);
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
            // Only library code that falls back to the global tracker list reads this; ours uses trackerGroup.
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
        String ext = extension != null && STORABLE_EXTENSION.matcher(extension).matches() ? extension : "";
        String fileId = onStorage(Route.STORE, null, client -> {
            ExactUpload upload = new ExactUpload(content, size);
            String id = client.upload_file1(null, size, upload, ext, null);
            if (upload.failure != null) {
                throw upload.failure;
            }
            if (id == null) {
                throw new IOException("FastDFS upload failed, status " + client.getErrorCode());
            }
            return id;
        });
        if (!isFileId(fileId) || !(ext.isEmpty() || fileId.endsWith("." + ext))) {
            // Stored, but not under an id we can hand out: remove it rather than leave an orphan.
            deleteQuietly(fileId);
            throw new IOException("FastDFS answered an unexpected file id '" + fileId + "'");
        }
        return fileId;
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
        int status = onStorage(Route.FETCH, fileId, client -> {
            CopyToOutput sink = new CopyToOutput(out, length);
            int result = client.download_file1(fileId, offset, length, sink);
            if (sink.failure != null) {
                throw sink.failure;
            }
            if (result == 0 && sink.written != length) {
                throw new IOException("FastDFS sent " + sink.written + " of " + length + " bytes of " + fileId);
            }
            return result;
        });
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
    private enum Route { STORE, FETCH, UPDATE }

    @FunctionalInterface
    private interface StorageCall<T> {
        T call(StorageClient1 client) throws IOException, MyException;
    }

    private <T> T onStorage(Route route, String fileId, StorageCall<T> call) throws IOException {
        if (route != Route.STORE && !isFileId(fileId)) {
            throw new IOException("not a FastDFS file id: '" + fileId + "'");
        }
        StorageServer storage = locateStorage(route, fileId);
        Socket socket = storage.getSocket();
        boolean completed = false;
        try {
            // Passing our own storage connection keeps the library from asking the tracker or closing it.
            T result = call.call(new StorageClient1(null, storage));
            completed = true;
            return result;
        } catch (MyException e) {
            throw new IOException("FastDFS client error: " + e.getMessage(), e);
        } finally {
            if (completed) {
                release(storage, socket);
            } else {
                abort(socket);
            }
        }
    }

    private StorageServer locateStorage(Route route, String fileId) throws IOException {
        // TrackerClient keeps the last error code in a field, so each call gets its own.
        TrackerClient trackerClient = new TrackerClient(trackerGroup);
        TrackerServer tracker = trackerClient.getConnection();
        if (tracker == null) {
            throw new IOException("no FastDFS tracker reachable at " + trackers);
        }
        Socket socket = tracker.getSocket();
        try {
            StorageServer storage;
            if (route == Route.STORE) {
                storage = trackerClient.getStoreStorage(tracker);
            } else {
                int slash = fileId.indexOf('/');
                String group = fileId.substring(0, slash);
                String name = fileId.substring(slash + 1);
                storage = route == Route.FETCH
                        ? trackerClient.getFetchStorage(tracker, group, name)
                        : trackerClient.getUpdateStorage(tracker, group, name);
            }
            if (storage == null) {
                // Also an unknown group: the tracker cannot tell that apart from a group with no live storage.
                throw new IOException("FastDFS tracker found no storage server"
                        + (fileId == null ? "" : " for " + fileId) + ", status " + trackerClient.getErrorCode());
            }
            return storage;
        } finally {
            release(tracker, socket);
        }
    }

    /** Ends a connection whose last exchange completed: QUIT lets the server free it at once. */
    private static void release(TrackerServer server, Socket socket) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "FastDFS connection did not take QUIT", e);
        } finally {
            // close() leaves the socket open when sending QUIT fails.
            closeQuietly(socket);
        }
    }

    /**
     * Drops a connection in an unknown protocol state without sending QUIT: in the middle of an upload those
     * 10 bytes would be taken as file content and could complete a short upload.
     */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not set SO_LINGER before abort", e);
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing FastDFS socket failed", e);
        }
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
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                } catch (IOException e) {
                    failure = e;
                    return ABORTED;
                }
                if (n < 0) {
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

    /** Streams downloaded bytes to the caller's output; a failing output (client gone) stops the download. */
    private static final class CopyToOutput implements DownloadCallback {
        private final OutputStream out;
        private final long expected;
        long written;
        IOException failure;

        CopyToOutput(OutputStream out, long expected) {
            this.out = out;
            this.expected = expected;
        }

        @Override
        public int recv(long bodyLength, byte[] data, int bytes) {
            if (bodyLength != expected) {
                failure = new IOException("FastDFS answered " + bodyLength + " bytes, asked for " + expected);
                return ABORTED;
            }
            try {
                out.write(data, 0, bytes);
            } catch (IOException e) {
                failure = e;
                return ABORTED;
            }
            written += bytes;
            return 0;
        }
    }
}
