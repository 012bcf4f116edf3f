package org.clouddisk.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.csource.fastdfs.ProtoCommon;
import org.csource.fastdfs.StorageServer;

/**
 * One open connection to a FastDFS tracker or storage server, kept by {@link FastDfsConnectionPool}.
 *
 * <p>It extends the library's StorageServer because that is the only connection type StorageClient accepts;
 * a tracker exchange just uses its socket. The socket is held here as well: the library forgets it (and tries
 * to reconnect on the next use) when it closes a connection after an I/O error, and this class must never
 * reconnect behind the pool's back.
 */
final class FastDfsConnection extends StorageServer {

    private static final System.Logger LOG = System.getLogger(FastDfsConnection.class.getName());

    private final Socket socket;
    private long idleSinceNanos;

    /** Connects with the library's process-wide timeouts ({@code ClientGlobal}). */
    FastDfsConnection(InetSocketAddress address) throws IOException {
        super(address.getHostString(), address.getPort(), 0);
        this.socket = sock;
        // Requests go out as a header write and a body write: without this, Nagle's algorithm holds the body
        // until the server's delayed ACK of the header on a connection that is reused.
        socket.setTcpNoDelay(true);
    }

    InetSocketAddress address() {
        return inetSockAddr;
    }

    Socket socket() {
        return socket;
    }

    /** The store path an upload on this connection goes to, as the tracker chose it for this upload. */
    void useStorePath(int storePathIndex) {
        store_path_index = storePathIndex;
    }

    void markIdle(long nowNanos) {
        idleSinceNanos = nowNanos;
    }

    long idleNanos(long nowNanos) {
        return nowNanos - idleSinceNanos;
    }

    /** Sends ACTIVE_TEST (command 111) and answers whether the server answered it with success. */
    boolean answersActiveTest() {
        try {
            return !socket.isClosed() && ProtoCommon.activeTest(socket);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "FastDFS connection to " + address() + " failed its test", e);
            return false;
        }
    }

    /** Ends a connection whose last exchange completed: QUIT lets the server free it at once. */
    void quit() {
        try {
            close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "FastDFS connection did not take QUIT", e);
        } finally {
            // close() leaves the socket open when sending QUIT fails.
            closeQuietly();
        }
    }

    /**
     * Drops a connection in an unknown protocol state without sending QUIT: in the middle of an upload those
     * 10 bytes would be taken as file content and could complete a short upload.
     */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not set SO_LINGER before abort", e);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing FastDFS socket failed", e);
        }
    }
}
