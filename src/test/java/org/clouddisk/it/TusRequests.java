package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** tus 1.0.0 requests to /api/v2/uploads as a test speaks them, one HTTP request each. */
final class TusRequests {

    static final String OFFSET_STREAM = "application/offset+octet-stream";
    static final String UPLOADS = "/api/v2/uploads";

    private final CloudDiskClient http;

    TusRequests(CloudDiskClient http) {
        this.http = http;
    }

    /** Upload-Metadata from key, value pairs (values base64-encoded here). */
    static String metadata(String... keysAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            pairs.add(keysAndValues[i] + " " + Base64.getEncoder().encodeToString(
                    keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(",", pairs);
    }

    static String[] headers(User u, String... more) {
        List<String> all = new ArrayList<>(List.of("Tus-Resumable", "1.0.0"));
        if (u != null) {
            all.addAll(List.of("Authorization", "Bearer " + u.token()));
        }
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    Answer create(User u, long length, String metadata) {
        return http.send("POST", UPLOADS, null, null, headers(u, "Upload-Length", Long.toString(length),
                "Upload-Metadata", metadata));
    }

    /** creation-with-upload: the first bytes in the POST. */
    Answer createWith(User u, long length, String metadata, byte[] firstBytes) {
        return http.send("POST", UPLOADS, firstBytes, OFFSET_STREAM, headers(u, "Upload-Length",
                Long.toString(length), "Upload-Metadata", metadata));
    }

    /** A created upload's path, from the 201's Location. */
    String begin(User u, long length, String metadata) {
        Answer a = create(u, length, metadata);
        assertEquals(201, a.status(), a.text());
        return location(a);
    }

    static String location(Answer a) {
        String location = a.header("Location");
        assertNotNull(location, "no Location in " + a.headers());
        return URI.create(location).getPath();
    }

    Answer patch(User u, String upload, long offset, byte[] bytes) {
        return http.send("PATCH", upload, bytes, OFFSET_STREAM, headers(u, "Upload-Offset", Long.toString(offset)));
    }

    Answer head(User u, String upload) {
        return http.send("HEAD", upload, null, null, headers(u));
    }

    long offset(User u, String upload) {
        Answer a = head(u, upload);
        assertEquals(200, a.status(), "HEAD " + upload);
        return Long.parseLong(a.header("Upload-Offset"));
    }

    Answer delete(User u, String upload) {
        return http.send("DELETE", upload, null, null, headers(u));
    }

    /**
     * A PATCH on a raw socket that declares {@code declared} bytes: sends the headers and {@code sent} first, and
     * answers the open socket, for the caller to go on or to close halfway.
     */
    Socket openPatch(User u, String upload, long offset, long declared, byte[] sent) throws IOException {
        URI base = URI.create(http.base());
        var socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", base.getHost() + ":" + base.getPort());
        headers.put("Tus-Resumable", "1.0.0");
        headers.put("Authorization", "Bearer " + u.token());
        headers.put("Upload-Offset", Long.toString(offset));
        headers.put("Content-Type", OFFSET_STREAM);
        headers.put("Content-Length", Long.toString(declared));
        var request = new StringBuilder("PATCH " + upload + " HTTP/1.1\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(sent);
        out.flush();
        return socket;
    }

    /** The status line's code of the answer on a raw socket (reads the whole answer head). */
    static int answerStatus(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String status = head.toString(StandardCharsets.US_ASCII);
        return Integer.parseInt(status.substring(9, 12));
    }
}
