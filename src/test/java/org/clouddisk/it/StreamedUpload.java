package org.clouddisk.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large legacy-form upload of generated content over a plain socket, sent at a bounded rate by one thread while
 * another waits for the answer. Unlike HttpClient it sees an answer that comes before the body is sent (a server
 * refusing an upload early) as well as a dropped connection, and stops sending as soon as either happens.
 */
public final class StreamedUpload implements AutoCloseable {

    /** How the upload ended: an HTTP answer (status and body), or the connection dropped without one. */
    public record Outcome(boolean dropped, int status, String body, long millis) {
        public String code() {
            if (body == null) {
                return null;
            }
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
                return BackgroundLoad.outcomeOf(reader.readValue());
            }
        }

        @Override
        public String toString() {
            return (dropped ? "connection dropped" : "HTTP " + status + " " + body) + " after " + millis + " ms";
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final Socket socket;
    private final AtomicLong sent = new AtomicLong();
    private final long started = System.nanoTime();
    private final CompletableFuture<Outcome> outcome;

    private StreamedUpload(Socket socket, byte[] head, InputStream content, byte[] tail, long bytesPerSecond) {
        this.socket = socket;
        this.outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                outcome.complete(readAnswer());
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        }, "streamed-upload-reader");
        reader.setDaemon(true);
        reader.start();
        Thread sender = new Thread(() -> send(head, content, tail, bytesPerSecond), "streamed-upload-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** Starts the upload of {@code size} bytes generated from {@code seed}, declared with their md5. */
    public static StreamedUpload start(int port, CloudDiskClient.User u, String fileName, long seed, long size,
                                       String md5, long bytesPerSecond) throws IOException {
        String boundary = "------Streamed" + UUID.randomUUID().toString().replace("-", "");
        byte[] head = CloudDiskClient.legacyHead(boundary,
                CloudDiskClient.legacyParams(u.name(), u.token(), fileName, md5, size));
        byte[] tail = CloudDiskClient.legacyTail(boundary);
        return post(port, "/upload", head, seed, size, tail, bytesPerSecond);
    }

    /**
     * Starts a POST to {@code path} of {@code head}, {@code size} bytes generated from {@code seed} and {@code tail},
     * with extra header lines ("Name: value").
     */
    public static StreamedUpload post(int port, String path, byte[] head, long seed, long size, byte[] tail,
                                      long bytesPerSecond, String... headers) throws IOException {
        long length = head.length + size + tail.length;
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(120_000);
        return new StreamedUpload(socket, CloudDiskClient.concat(request, head), new GeneratedContent(seed, size),
                tail, bytesPerSecond);
    }

    /** Bytes of the request sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Waits for the answer or the dropped connection; throws TimeoutException when neither came. */
    public Outcome await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void send(byte[] head, InputStream content, byte[] tail, long bytesPerSecond) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            sent.addAndGet(head.length);
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = content.read(buffer)) > 0 && !outcome.isDone(); ) {
                out.write(buffer, 0, n);
                long total = sent.addAndGet(n);
                long due = (long) (total * 1e9 / bytesPerSecond) - (System.nanoTime() - started);
                if (due > 0) {
                    Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                }
            }
            if (!outcome.isDone()) {
                out.write(tail);
                out.flush();
                sent.addAndGet(tail.length);
            }
        } catch (IOException | InterruptedException e) {
            // the server closed the connection or answered: the reader reports which
        }
    }

    private Outcome readAnswer() {
        try {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            if (statusLine == null) {
                return dropped();
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long contentLength = -1;
            boolean chunked = false;
            for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body;
            if (chunked) {
                var all = new ByteArrayOutputStream();
                for (int n; (n = Integer.parseInt(line(in).trim(), 16)) > 0; ) {
                    all.write(in.readNBytes(n));
                    line(in);
                }
                body = all.toByteArray();
            } else {
                body = contentLength >= 0 ? in.readNBytes((int) contentLength) : in.readAllBytes();
            }
            return new Outcome(false, status, new String(body, StandardCharsets.UTF_8), millis());
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no answer within the socket timeout", e);
        } catch (IOException e) {
            return dropped();
        } finally {
            close();
        }
    }

    private Outcome dropped() {
        return new Outcome(true, 0, null, millis());
    }

    private long millis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
