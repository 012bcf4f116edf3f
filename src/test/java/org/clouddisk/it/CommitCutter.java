package org.clouddisk.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of MariaDB that, once armed, swallows one COMMIT: that of the first transaction whose
 * statements named a given table. It closes both sides of that connection instead of passing the COMMIT on, so the
 * database rolls the transaction back and the client never hears how its commit went: a commit in doubt, as when a
 * database connection dies at the worst moment, made on purpose. It reads the client's side packet by packet (the
 * MariaDB protocol without TLS or compression, the driver's defaults: a 3-byte length, a sequence byte, the payload;
 * a text query is command byte 3 and the SQL).
 */
final class CommitCutter implements AutoCloseable {

    private static final int COM_QUERY = 3;

    private final ServerSocket listener;
    private final int databasePort;
    private final ExecutorService relays = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "commit-cutter");
        t.setDaemon(true);
        return t;
    });
    /** The table whose transaction's COMMIT is cut next; null when not armed. */
    private final AtomicReference<String> armedFor = new AtomicReference<>();
    /** Counted down when the armed COMMIT was cut; a new one with each arming. */
    private volatile CountDownLatch cut = new CountDownLatch(1);

    CommitCutter(int databasePort) throws IOException {
        this.databasePort = databasePort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        relays.submit(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts the COMMIT of the next transaction (on any connection) that names this table. */
    void arm(String table) {
        cut = new CountDownLatch(1);
        armedFor.set(table.toLowerCase());
    }

    boolean awaitCut(Duration timeout) throws InterruptedException {
        return cut.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
                relays.submit(() -> fromClient(client, database));
                relays.submit(() -> pass(database.getInputStream(), client.getOutputStream(), client, database));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private Void fromClient(Socket client, Socket database) throws IOException {
        try (client; database) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = database.getOutputStream();
            byte[] header = new byte[4];
            boolean inTransaction = false; // between the driver's "set autocommit=0" and "set autocommit=1"
            boolean namedTable = false;
            while (true) {
                in.readFully(header);
                byte[] payload = new byte[(header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16];
                in.readFully(payload);
                String sql = payload.length > 0 && payload[0] == COM_QUERY
                        ? new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8).trim().toLowerCase() : "";
                String table = armedFor.get();
                if (sql.startsWith("set autocommit")) {
                    inTransaction = sql.replace(" ", "").equals("setautocommit=0");
                    namedTable = false;
                }
                namedTable |= inTransaction && table != null && sql.contains(table);
                if (sql.equals("commit") || sql.equals("rollback")) {
                    if (sql.equals("commit") && namedTable && table != null && armedFor.compareAndSet(table, null)) {
                        cut.countDown();
                        return null; // both sockets close: the COMMIT never reaches the database
                    }
                    namedTable = false;
                }
                out.write(header);
                out.write(payload);
                out.flush();
            }
        } catch (IOException endOfConnection) {
            return null;
        }
    }

    private static Void pass(InputStream from, OutputStream to, Socket a, Socket b) throws IOException {
        try (a; b) {
            from.transferTo(to);
        } catch (IOException endOfConnection) {
            // the other direction closed it
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        relays.shutdownNow();
    }
}
