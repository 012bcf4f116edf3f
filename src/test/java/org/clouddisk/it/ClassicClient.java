package org.clouddisk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public build of the original Qt desktop client, as shared/CLASSIC-CLIENT.md records its traffic: every request
 * written byte for byte on a raw socket (Qt's headers, JSON pretty-printed with sorted keys, the legacy upload body
 * without a token and with a closing boundary without {@code --} and CRLF). Optionally it connects from another
 * loopback address, and the headers a proxy in front would add can be given (nginx's classic server block adds the
 * dialect header and the client's address).
 */
final class ClassicClient {

    /** The boundary line the client writes (the seed's design notes). */
    static final String BOUNDARY = "------WebKitFormBoundary88asdgewtgewx";

    private final int port;
    private final InetAddress source;
    private final List<String> proxyHeaders;

    /**
     * @param source       the local address to connect from (null: 127.0.0.1)
     * @param proxyHeaders header lines a proxy in front adds, e.g. "X-CloudDisk-Dialect: classic"
     */
    ClassicClient(int port, String source, String... proxyHeaders) {
        this.port = port;
        try {
            this.source = InetAddress.getByName(source == null ? "127.0.0.1" : source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.proxyHeaders = List.of(proxyHeaders);
    }

    /** As a classic client behind nginx's classic server block, seen from {@code clientAddress}. */
    static ClassicClient behindProxy(int port, String clientAddress) {
        return new ClassicClient(port, null, "X-CloudDisk-Dialect: classic", "X-Real-IP: " + clientAddress);
    }

    /** Qt's QJsonDocument::toJson(Indented) of a QJsonObject: keys sorted, four spaces, a final newline. */
    static String qtJson(Object... keysAndValues) {
        var sorted = new TreeMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            sorted.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        var out = new StringBuilder("{\n");
        int n = 0;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            out.append("    ").append(Json.createValue(e.getKey())).append(": ");
            out.append(e.getValue() instanceof Number number ? number.toString() : Json.createValue(e.getValue().toString()).toString());
            out.append(++n < sorted.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    /** The client's upload body: no token anywhere, parameters separated by spaces, the last boundary bare. */
    static byte[] uploadBody(String user, String fileName, String md5, long size, byte[] content) {
        String head = BOUNDARY + "\r\nContent-Disposition: form-data; user=\"" + user + "\" filename=\"" + fileName
                + "\" md5=\"" + md5 + "\" size=" + size + "\r\nContent-Type: application/octet-stream\r\n\r\n";
        var body = new ByteArrayOutputStream();
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n" + BOUNDARY).getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** POST with the client's headers; the answer's JSON. */
    JsonObject post(String pathAndQuery, String json) {
        return post(pathAndQuery, json.getBytes(StandardCharsets.UTF_8));
    }

    JsonObject post(String pathAndQuery, byte[] body) {
        return parse(exchange("POST", pathAndQuery, body));
    }

    /** The code of an answer to a POST. */
    String code(String pathAndQuery, String json) {
        return post(pathAndQuery, json).getString("code");
    }

    /** GET without a body (the client's /sharefiles?cmd=count): the raw answer text. */
    String get(String pathAndQuery) {
        return exchange("GET", pathAndQuery, null);
    }

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private String exchange(String method, String pathAndQuery, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, source, 0)) {
            socket.setSoTimeout(120_000);
            var head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: Keep-Alive\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: en-US,*\r\n")
                    .append("User-Agent: Mozilla/5.0\r\n");
            proxyHeaders.forEach(h -> head.append(h).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readAnswer(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One HTTP/1.1 answer: status 200 expected (the protocol answers every outcome so), body by length or chunks. */
    static String readAnswer(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("not a protocol answer: " + status);
        }
        long length = -1;
        boolean chunked = false;
        for (String header; !(header = line(in)).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        var body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in).trim(), 16)) > 0; line(in)) {
                body.writeBytes(in.readNBytes(size));
            }
        } else if (length >= 0) {
            body.writeBytes(in.readNBytes((int) length));
        } else {
            throw new IllegalStateException("an answer without a length");
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed inside the answer's head");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
