package org.clouddisk.storage.fdfs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A FastDFS tracker and storage server for tests, speaking the wire protocol of FastDFS as the csource Java
 * client uses it, over real TCP on 127.0.0.1, with one group ({@value #GROUP}) and one store path (M00).
 *
 * <p>Every packet starts with a 10-byte header: 8-byte big-endian body length, command, status. Answers use
 * command 100 and carry the errno in the status byte (2 = ENOENT, 22 = EINVAL). Connections serve commands
 * until QUIT (82) or until the client closes them. Content is streamed through bounded buffers both ways and
 * kept as files under {@code <dir>/data/XX/YY/}; uploads are written to {@code <dir>/tmp/} first and only
 * moved into place once complete, so an interrupted upload leaves nothing behind.
 *
 * <p>Appender files (FastDFS 6.x): upload_appender_file (23, laid out as an upload) names the file with the appender
 * flag (2^58) in the size field its name encodes; append_file (24: name length(8), bytes(8), name, bytes) writes at
 * the end and, like the real storage, cuts the file back when the bytes stop coming; truncate_file (36: name
 * length(8), new size(8), name); regenerate_appender_filename (38: the name; answers group(16) + the new name of an
 * ordinary file, renamed in place). Append, truncate and regenerate answer EINVAL for a file without the flag.
 */
public final class FastDfsTestServer implements AutoCloseable {

    public static final String GROUP = "group1";

    private static final byte CMD_RESP = 100;
    private static final byte CMD_QUIT = 82;
    private static final byte CMD_ACTIVE_TEST = 111;
    private static final byte TRACKER_QUERY_STORE_WITHOUT_GROUP_ONE = 101;
    private static final byte TRACKER_QUERY_FETCH_ONE = 102;
    private static final byte TRACKER_QUERY_UPDATE = 103;
    private static final byte TRACKER_QUERY_STORE_WITH_GROUP_ONE = 104;
    private static final byte TRACKER_QUERY_FETCH_ALL = 105;
    private static final byte STORAGE_UPLOAD_FILE = 11;
    private static final byte STORAGE_DELETE_FILE = 12;
    private static final byte STORAGE_DOWNLOAD_FILE = 14;
    private static final byte STORAGE_QUERY_FILE_INFO = 22;
    private static final byte STORAGE_UPLOAD_APPENDER_FILE = 23;
    private static final byte STORAGE_APPEND_FILE = 24;
    private static final byte STORAGE_TRUNCATE_FILE = 36;
    private static final byte STORAGE_REGENERATE_APPENDER_FILENAME = 38;
    /** The flag FastDFS sets in the size field that an appender file's name encodes (FDFS_APPENDER_FILE_SIZE). */
    private static final long APPENDER_FLAG = 1L << 58;

    private static final byte OK = 0;
    private static final byte ENOENT = 2;
    private static final byte EINVAL = 22;

    private static final int GROUP_NAME_LEN = 16;
    private static final int IP_FIELD_LEN = 15;
    private static final int QUERY_INFO_IP_LEN = 16;
    private static final int EXT_LEN = 6;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_SMALL_BODY = 4096;
    private static final String HOST = "127.0.0.1";
    private static final byte[] HOST_ADDRESS = {127, 0, 0, 1};
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{0,6}");
    private static final Pattern REMOTE_NAME =
            Pattern.compile("M00/([0-9A-F]{2})/([0-9A-F]{2})/([A-Za-z0-9_-]{27}[A-Za-z0-9]{3}(?:\\.[A-Za-z0-9]{1,6})?)");
    private static final String SUFFIX_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final ServerSocket trackerSocket;
    private final ServerSocket storageSocket;
    private final Path dir;
    private final boolean ownsDir;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fastdfs-test-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> storageConnections = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger acceptedTrackerConnections = new AtomicInteger();
    private final AtomicInteger acceptedStorageConnections = new AtomicInteger();
    /** Remote names of files stored whose answer could not be sent (see {@link #unansweredUploads()}). */
    private final Set<String> unansweredUploads = ConcurrentHashMap.newKeySet();
    private volatile boolean storageAvailable = true;
    private volatile boolean storageResponding = true;
    /** Like FastDFS's network_timeout: a connection silent this long (ms) is closed; 0 waits forever. */
    private volatile int networkTimeoutMillis;
    private volatile boolean stopped;

    private FastDfsTestServer(ServerSocket trackerSocket, ServerSocket storageSocket, Path dir, boolean ownsDir) {
        this.trackerSocket = trackerSocket;
        this.storageSocket = storageSocket;
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param trackerPort port of the tracker, 0 for any free one
     * @param storagePort port of the storage server, 0 for any free one
     * @param dir where content is kept; null for a temporary directory removed by {@link #stop()}
     */
    public static FastDfsTestServer start(int trackerPort, int storagePort, Path dir) throws IOException {
        boolean ownsDir = dir == null;
        Path root = ownsDir ? Files.createTempDirectory("fastdfs-test-") : Files.createDirectories(dir);
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("tmp"));
        ServerSocket tracker = listen(trackerPort);
        ServerSocket storage;
        try {
            storage = listen(storagePort);
        } catch (IOException e) {
            tracker.close();
            throw e;
        }
        FastDfsTestServer server = new FastDfsTestServer(tracker, storage, root, ownsDir);
        server.acceptLoop(tracker, "fastdfs-test-tracker", false);
        server.acceptLoop(storage, "fastdfs-test-storage", true);
        return server;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 256);
        return socket;
    }

    public int trackerPort() {
        return trackerSocket.getLocalPort();
    }

    public int storagePort() {
        return storageSocket.getLocalPort();
    }

    /** The tracker list for the client: "127.0.0.1:port". */
    public String trackers() {
        return HOST + ":" + trackerPort();
    }

    public Path dir() {
        return dir;
    }

    /** Regular files under the directory, finished or still being uploaded. */
    public long fileCount() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /**
     * When false the storage server closes its open connections and closes every new one at once; the
     * tracker keeps answering, as a real tracker does until it notices a storage server is gone.
     */
    public void setStorageAvailable(boolean available) {
        storageAvailable = available;
        if (!available) {
            storageConnections.forEach(FastDfsTestServer::closeQuietly);
        }
    }

    /** Uploads the storage is receiving now, or has not yet dropped after their connection was cut. */
    public long temporaryUploads() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
            return files.count();
        }
    }

    /**
     * Files stored whose answer could not be sent, the connection closed between the two (by
     * {@link #setStorageAvailable} or the client): the storage keeps such a file, as FastDFS does, and no client ever
     * learns its name, so nothing can delete it but the storage's operator.
     */
    public Set<String> unansweredUploads() {
        return Set.copyOf(unansweredUploads);
    }

    /** Deletes the files of {@link #unansweredUploads()}, as the storage's operator would; answers how many went. */
    public int removeUnansweredUploads() throws IOException {
        int removed = 0;
        for (String id : unansweredUploads()) {
            Located located = locate(GROUP, id.substring(GROUP.length() + 1));
            if (located.path() != null && Files.deleteIfExists(located.path())) {
                removed++;
            }
            unansweredUploads.remove(id);
        }
        return removed;
    }

    /** Connections the tracker accepted since the start. */
    public int acceptedTrackerConnections() {
        return acceptedTrackerConnections.get();
    }

    /** Connections the storage server accepted since the start (also those it closed at once when unavailable). */
    public int acceptedStorageConnections() {
        return acceptedStorageConnections.get();
    }

    /** Storage connections open now. */
    public int openStorageConnections() {
        return storageConnections.size();
    }

    /** Closes every open tracker and storage connection, as a restart of both servers would. */
    public void dropConnections() {
        connections.forEach(FastDfsTestServer::closeQuietly);
    }

    /** When false the storage server accepts and reads requests but never answers (clients must time out). */
    public void setStorageResponding(boolean responding) {
        storageResponding = responding;
    }

    /**
     * Closes each connection, from its next read on, once its client stays silent for {@code timeout}, as FastDFS
     * does after its network_timeout (60 s by default): an append cut so is cut back, as any cut append is.
     */
    public void setNetworkTimeout(Duration timeout) {
        networkTimeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    public void stop() {
        stopped = true;
        closeQuietly(trackerSocket);
        closeQuietly(storageSocket);
        connections.forEach(FastDfsTestServer::closeQuietly);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsDir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                System.err.println("fastdfs test server: could not remove " + dir + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code --tracker-port N --storage-port M --dir D}; runs until killed. */
    public static void main(String[] args) throws Exception {
        int trackerPort = 0;
        int storagePort = 0;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--tracker-port" -> trackerPort = Integer.parseInt(value);
                case "--storage-port" -> storagePort = Integer.parseInt(value);
                case "--dir" -> dir = Path.of(value);
                default -> throw new IllegalArgumentException(
                        "unknown option " + option + "; use --tracker-port N --storage-port M --dir D");
            }
        }
        FastDfsTestServer server = start(trackerPort, storagePort, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("fastdfs test server tracker=" + HOST + ":" + server.trackerPort()
                + " storage=" + HOST + ":" + server.storagePort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    @FunctionalInterface
    private interface Handler {
        /** Serves commands from one connection until the client quits or the connection must be dropped. */
        void serve(DataInputStream in, OutputStream out) throws IOException;
    }

    private void acceptLoop(ServerSocket server, String name, boolean storage) {
        Handler handler = storage ? this::serveStorage : this::serveTracker;
        Thread acceptor = new Thread(() -> {
            while (!stopped) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    if (!stopped) {
                        System.err.println("fastdfs test server: accept failed: " + e);
                    }
                    return;
                }
                (storage ? acceptedStorageConnections : acceptedTrackerConnections).incrementAndGet();
                if (storage && !storageAvailable) {
                    closeQuietly(socket);
                    continue;
                }
                connections.add(socket);
                if (storage) {
                    storageConnections.add(socket);
                }
                try {
                    workers.execute(() -> serveConnection(socket, handler));
                } catch (RuntimeException e) {
                    // Rejected while stopping.
                    connections.remove(socket);
                    storageConnections.remove(socket);
                    closeQuietly(socket);
                }
            }
        }, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serveConnection(Socket socket, Handler handler) {
        try (socket) {
            socket.setSoTimeout(networkTimeoutMillis);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
            handler.serve(in, out);
        } catch (IOException e) {
            // The client went away or broke the protocol: this connection is done, nothing else is affected.
        } finally {
            connections.remove(socket);
            storageConnections.remove(socket);
        }
    }

    private record Header(long length, byte command) {
    }

    /** Reads the next header, or null when the client closed the connection between packets. */
    private static Header readHeader(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] header = new byte[10];
        header[0] = (byte) first;
        in.readFully(header, 1, header.length - 1);
        long length = ByteBuffer.wrap(header).getLong(0);
        if (length < 0) {
            throw new IOException("negative body length");
        }
        return new Header(length, header[8]);
    }

    private static void writeHeader(OutputStream out, long bodyLength, byte status) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(10);
        header.putLong(bodyLength).put(CMD_RESP).put(status);
        out.write(header.array());
    }

    private static void answer(OutputStream out, byte status) throws IOException {
        writeHeader(out, 0, status);
        out.flush();
    }

    private static byte[] readSmallBody(DataInputStream in, long length) throws IOException {
        if (length > MAX_SMALL_BODY) {
            throw new IOException("request body of " + length + " bytes is too long");
        }
        byte[] body = new byte[(int) length];
        in.readFully(body);
        return body;
    }

    /** A fixed-width, zero-padded text field. */
    private static String field(byte[] body, int offset, int length) {
        int end = offset;
        while (end < offset + length && body[end] != 0) {
            end++;
        }
        return new String(body, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] padded(String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] field = new byte[length];
        System.arraycopy(bytes, 0, field, 0, Math.min(bytes.length, length));
        return field;
    }

    // ---- tracker ----

    private void serveTracker(DataInputStream in, OutputStream out) throws IOException {
        Header header;
        while ((header = readHeader(in)) != null) {
            byte[] body = readSmallBody(in, header.length());
            switch (header.command()) {
                case CMD_QUIT -> {
                    return;
                }
                case CMD_ACTIVE_TEST -> answer(out, OK);
                case TRACKER_QUERY_STORE_WITHOUT_GROUP_ONE -> answerStore(out);
                case TRACKER_QUERY_STORE_WITH_GROUP_ONE -> {
                    if (body.length != GROUP_NAME_LEN) {
                        answer(out, EINVAL);
                    } else if (!GROUP.equals(field(body, 0, GROUP_NAME_LEN))) {
                        answer(out, ENOENT);
                    } else {
                        answerStore(out);
                    }
                }
                case TRACKER_QUERY_FETCH_ONE, TRACKER_QUERY_UPDATE, TRACKER_QUERY_FETCH_ALL -> {
                    if (body.length <= GROUP_NAME_LEN) {
                        answer(out, EINVAL);
                    } else if (!GROUP.equals(field(body, 0, GROUP_NAME_LEN))) {
                        answer(out, ENOENT);
                    } else {
                        answerFetch(out);
                    }
                }
                default -> answer(out, EINVAL);
            }
        }
    }

    /** group(16) ip(15) port(8) store path index(1). */
    private void answerStore(OutputStream out) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(GROUP_NAME_LEN + IP_FIELD_LEN + 8 + 1);
        body.put(padded(GROUP, GROUP_NAME_LEN)).put(padded(HOST, IP_FIELD_LEN)).putLong(storagePort()).put((byte) 0);
        writeHeader(out, body.capacity(), OK);
        out.write(body.array());
        out.flush();
    }

    /** group(16) ip(15) port(8); a real tracker may add more ips (15 bytes each) for the other copies. */
    private void answerFetch(OutputStream out) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(GROUP_NAME_LEN + IP_FIELD_LEN + 8);
        body.put(padded(GROUP, GROUP_NAME_LEN)).put(padded(HOST, IP_FIELD_LEN)).putLong(storagePort());
        writeHeader(out, body.capacity(), OK);
        out.write(body.array());
        out.flush();
    }

    // ---- storage ----

    private void serveStorage(DataInputStream in, OutputStream out) throws IOException {
        Header header;
        while ((header = readHeader(in)) != null) {
            if (!storageResponding) {
                in.skipNBytes(header.length());
                continue;
            }
            switch (header.command()) {
                case CMD_QUIT -> {
                    return;
                }
                case CMD_ACTIVE_TEST -> {
                    in.skipNBytes(header.length());
                    answer(out, OK);
                }
                case STORAGE_UPLOAD_FILE, STORAGE_UPLOAD_APPENDER_FILE -> {
                    if (!upload(in, out, header.length(), header.command() == STORAGE_UPLOAD_APPENDER_FILE)) {
                        return;
                    }
                }
                case STORAGE_APPEND_FILE -> {
                    if (!append(in, out, header.length())) {
                        return;
                    }
                }
                case STORAGE_TRUNCATE_FILE -> truncate(in, out, header.length());
                case STORAGE_REGENERATE_APPENDER_FILENAME -> regenerate(in, out, header.length());
                case STORAGE_DOWNLOAD_FILE -> download(in, out, header.length());
                case STORAGE_DELETE_FILE -> delete(in, out, header.length());
                case STORAGE_QUERY_FILE_INFO -> queryFileInfo(in, out, header.length());
                default -> {
                    in.skipNBytes(header.length());
                    answer(out, EINVAL);
                }
            }
        }
    }

    /**
     * store path index(1) file size(8) ext(6, zero padded) content. Answers group(16) + remote filename.
     * Answers false when the connection must be closed.
     */
    private boolean upload(DataInputStream in, OutputStream out, long length, boolean appender) throws IOException {
        if (length < 1 + 8 + EXT_LEN) {
            answer(out, EINVAL);
            return false;
        }
        int storePathIndex = in.readUnsignedByte();
        long size = in.readLong();
        byte[] extField = new byte[EXT_LEN];
        in.readFully(extField);
        String ext = field(extField, 0, EXT_LEN);
        if (size != length - (1 + 8 + EXT_LEN) || storePathIndex != 0 || !EXTENSION.matcher(ext).matches()) {
            // Like the real storage server: reject before reading content, then drop the connection.
            answer(out, EINVAL);
            return false;
        }
        long number = sequence.incrementAndGet();
        Path temporary = dir.resolve("tmp").resolve("upload-" + number + ".part");
        CRC32 crc = new CRC32();
        try {
            try (OutputStream file = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                long remaining = size;
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new EOFException("upload ended after " + (size - remaining) + " of " + size + " bytes");
                    }
                    file.write(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    remaining -= n;
                }
            }
            String remoteName = moveIntoPlace(temporary, number, appender ? APPENDER_FLAG : size,
                    appender ? 0 : (int) crc.getValue(), ext);
            byte[] name = remoteName.getBytes(StandardCharsets.UTF_8);
            try {
                writeHeader(out, GROUP_NAME_LEN + name.length, OK);
                out.write(padded(GROUP, GROUP_NAME_LEN));
                out.write(name);
                out.flush();
            } catch (IOException answerLost) {
                unansweredUploads.add(GROUP + "/" + remoteName);
                throw answerLost;
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * name length(8) bytes(8) name content: appends to an appender file. When the content stops before its declared
     * length, the bytes of this request are cut off again and the connection closed (answers false).
     */
    private boolean append(DataInputStream in, OutputStream out, long length) throws IOException {
        if (length < 16) {
            answer(out, EINVAL);
            return false;
        }
        long nameLength = in.readLong();
        long size = in.readLong();
        if (nameLength <= 0 || nameLength > MAX_SMALL_BODY || size < 0 || size != length - 16 - nameLength) {
            answer(out, EINVAL);
            return false;
        }
        byte[] name = readSmallBody(in, nameLength);
        Located located = locateAppender(new String(name, StandardCharsets.UTF_8));
        if (located.status() != OK) {
            in.skipNBytes(size);
            answer(out, located.status());
            return true;
        }
        try (FileChannel file = FileChannel.open(located.path(), StandardOpenOption.WRITE)) {
            long start = file.size();
            try {
                byte[] buffer = new byte[BUFFER_BYTES];
                long remaining = size;
                long position = start;
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new EOFException("append ended after " + (size - remaining) + " of " + size + " bytes");
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        position += file.write(chunk, position);
                    }
                    remaining -= n;
                }
            } catch (IOException e) {
                file.truncate(start);
                throw e;
            }
        } catch (NoSuchFileException e) {
            answer(out, ENOENT);
            return true;
        }
        answer(out, OK);
        return true;
    }

    /** name length(8) new size(8) name. */
    private void truncate(DataInputStream in, OutputStream out, long length) throws IOException {
        if (length <= 16) {
            in.skipNBytes(length);
            answer(out, EINVAL);
            return;
        }
        long nameLength = in.readLong();
        long size = in.readLong();
        byte[] name = readSmallBody(in, length - 16);
        if (nameLength != name.length || size < 0) {
            answer(out, EINVAL);
            return;
        }
        Located located = locateAppender(new String(name, StandardCharsets.UTF_8));
        if (located.status() != OK) {
            answer(out, located.status());
            return;
        }
        try (FileChannel file = FileChannel.open(located.path(), StandardOpenOption.WRITE)) {
            if (size < file.size()) {
                file.truncate(size);
            } else if (size > file.size()) {
                file.write(ByteBuffer.allocate(1), size - 1); // the real storage grows the file as ftruncate does
            }
        } catch (NoSuchFileException e) {
            answer(out, ENOENT);
            return;
        }
        answer(out, OK);
    }

    /** The appender's name within the group; answers group(16) and the ordinary file's new name. */
    private void regenerate(DataInputStream in, OutputStream out, long length) throws IOException {
        byte[] name = readSmallBody(in, length);
        Located located = locateAppender(new String(name, StandardCharsets.UTF_8));
        if (located.status() != OK) {
            answer(out, located.status());
            return;
        }
        long size;
        try {
            size = Files.size(located.path());
        } catch (NoSuchFileException e) {
            answer(out, ENOENT);
            return;
        }
        // A rename, whatever the size: the new name's crc32 field is not computed from the content (nothing here
        // reads it back), so the test server's completion time does not grow with the file.
        int crc32 = (int) sequence.get();
        String fileName = located.path().getFileName().toString();
        int dot = fileName.indexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1);
        String remoteName = moveIntoPlace(located.path(), sequence.incrementAndGet(), size, crc32, ext);
        byte[] newName = remoteName.getBytes(StandardCharsets.UTF_8);
        writeHeader(out, GROUP_NAME_LEN + newName.length, OK);
        out.write(padded(GROUP, GROUP_NAME_LEN));
        out.write(newName);
        out.flush();
    }

    /** A stored file whose name carries the appender flag; EINVAL for an ordinary file, as FastDFS answers. */
    private Located locateAppender(String remoteName) {
        Located located = locate(GROUP, remoteName);
        if (located.status() != OK) {
            return located;
        }
        byte[] info = Base64.getUrlDecoder().decode(located.path().getFileName().toString().substring(0, 27));
        return (ByteBuffer.wrap(info).getLong(8) & APPENDER_FLAG) != 0 ? located : new Located(null, EINVAL);
    }

    /**
     * Names the file as FastDFS does: base64 (URL alphabet, 27 chars) of source ip(4), timestamp(4), size(8),
     * crc32(4), then 3 more characters, then the extension; under two levels of hex directories.
     */
    private String moveIntoPlace(Path temporary, long number, long size, int crc32, String ext) throws IOException {
        while (true) {
            ByteBuffer info = ByteBuffer.allocate(20);
            info.put(HOST_ADDRESS).putInt((int) (System.currentTimeMillis() / 1000)).putLong(size).putInt(crc32);
            StringBuilder name = new StringBuilder(Base64.getUrlEncoder().withoutPadding().encodeToString(info.array()));
            long suffix = number;
            for (int i = 0; i < 3; i++) {
                name.append(SUFFIX_CHARS.charAt((int) (suffix % SUFFIX_CHARS.length())));
                suffix /= SUFFIX_CHARS.length();
            }
            if (!ext.isEmpty()) {
                name.append('.').append(ext);
            }
            String subdirectories = String.format("%02X/%02X", (number >> 8) & 0xFF, number & 0xFF);
            Path target = dir.resolve("data").resolve(subdirectories).resolve(name.toString());
            Files.createDirectories(target.getParent());
            try {
                Files.move(temporary, target);
                return "M00/" + subdirectories + "/" + name;
            } catch (FileAlreadyExistsException e) {
                number = sequence.incrementAndGet();
            }
        }
    }

    /** Where a stored file lives, or the errno to answer. */
    private record Located(Path path, byte status) {
    }

    private Located locate(String group, String remoteName) {
        Matcher matcher = REMOTE_NAME.matcher(remoteName);
        if (!GROUP.equals(group) || !matcher.matches()) {
            return new Located(null, EINVAL);
        }
        Path path = dir.resolve("data").resolve(matcher.group(1)).resolve(matcher.group(2)).resolve(matcher.group(3));
        return Files.isRegularFile(path) ? new Located(path, OK) : new Located(null, ENOENT);
    }

    /** group(16) remote filename. */
    private Located readGroupAndName(DataInputStream in, long length) throws IOException {
        byte[] body = readSmallBody(in, length);
        if (body.length <= GROUP_NAME_LEN) {
            return new Located(null, EINVAL);
        }
        String name = new String(body, GROUP_NAME_LEN, body.length - GROUP_NAME_LEN, StandardCharsets.UTF_8);
        return locate(field(body, 0, GROUP_NAME_LEN), name);
    }

    /** offset(8) bytes(8, 0 = to the end) group(16) remote filename. Answers the bytes as the body. */
    private void download(DataInputStream in, OutputStream out, long length) throws IOException {
        if (length < 16) {
            in.skipNBytes(length);
            answer(out, EINVAL);
            return;
        }
        long offset = in.readLong();
        long count = in.readLong();
        Located located = readGroupAndName(in, length - 16);
        if (located.status() != OK) {
            answer(out, located.status());
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(located.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            answer(out, ENOENT);
            return;
        }
        try (channel) {
            long size = channel.size();
            if (offset < 0 || offset > size || count < 0 || count > size - offset) {
                answer(out, EINVAL);
                return;
            }
            long remaining = count == 0 ? size - offset : count;
            // Buffered together with the first bytes: the client reads the 10-byte header in a single read().
            writeHeader(out, remaining, OK);
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            long position = offset;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("file shrank while being read");
                }
                out.write(buffer.array(), 0, n);
                position += n;
                remaining -= n;
            }
            out.flush();
        }
    }

    private void delete(DataInputStream in, OutputStream out, long length) throws IOException {
        Located located = readGroupAndName(in, length);
        if (located.status() != OK) {
            answer(out, located.status());
            return;
        }
        answer(out, Files.deleteIfExists(located.path()) ? OK : ENOENT);
    }

    /** Answers file size(8) create timestamp(8) crc32(8) source ip(16). */
    private void queryFileInfo(DataInputStream in, OutputStream out, long length) throws IOException {
        Located located = readGroupAndName(in, length);
        if (located.status() != OK) {
            answer(out, located.status());
            return;
        }
        long size;
        try {
            size = Files.size(located.path());
        } catch (NoSuchFileException e) {
            answer(out, ENOENT);
            return;
        }
        byte[] info = Base64.getUrlDecoder().decode(located.path().getFileName().toString().substring(0, 27));
        ByteBuffer decoded = ByteBuffer.wrap(info);
        ByteBuffer body = ByteBuffer.allocate(8 * 3 + QUERY_INFO_IP_LEN);
        body.putLong(size)
                .putLong(decoded.getInt(4) & 0xFFFF_FFFFL)
                .putLong(decoded.getInt(16) & 0xFFFF_FFFFL)
                .put(padded(HOST, QUERY_INFO_IP_LEN));
        writeHeader(out, body.capacity(), OK);
        out.write(body.array());
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or broken: nothing left to release.
        }
    }
}
