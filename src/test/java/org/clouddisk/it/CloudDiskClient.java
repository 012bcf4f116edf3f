package org.clouddisk.it;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** The wire protocol as a client speaks it, for tests. */
public final class CloudDiskClient {

    /** A registered, logged-in user. */
    public record User(String name, String token) {
    }

    /** An HTTP answer. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public JsonValue json() {
            try (var r = Json.createReader(new StringReader(text()))) {
                return r.readValue();
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final String base;
    // HTTP/1.1 only: multipart POSTs over h2c fail on Undertow (shared/STACK.md).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public CloudDiskClient(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public static JsonObject json(Object... keysAndValues) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            String k = (String) keysAndValues[i];
            if (v instanceof Integer n) {
                b.add(k, n);
            } else if (v instanceof Long n) {
                b.add(k, n);
            } else {
                b.add(k, String.valueOf(v));
            }
        }
        return b.build();
    }

    public static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unique user name for this test run, e.g. prefix_3_1a2b3c. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 6);
    }

    public Answer send(String method, String path, byte[] body, String contentType, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs raw bytes; the answer must be HTTP 200 JSON. */
    public JsonValue postRaw(String path, byte[] body, String contentType) {
        Answer a = send("POST", path, body, contentType);
        if (a.status() != 200) {
            throw new AssertionError("POST " + path + " answered HTTP " + a.status() + ": " + a.text());
        }
        String type = a.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw new AssertionError("POST " + path + " answered Content-Type " + type);
        }
        return a.json();
    }

    public JsonObject post(String path, JsonObject body) {
        return postRaw(path, body.toString().getBytes(StandardCharsets.UTF_8), "application/json").asJsonObject();
    }

    /** The "code" of a JSON answer. */
    public String code(String path, JsonObject body) {
        return post(path, body).getString("code", null);
    }

    public User register(String name, String password) {
        String code = code("/reg", json("userName", name, "nickName", name, "password", password, "phone", "",
                "email", ""));
        if (!"002".equals(code)) {
            throw new AssertionError("registration of " + name + " answered " + code);
        }
        return login(name, password);
    }

    public User login(String name, String password) {
        JsonObject answer = post("/login", json("user", name, "password", password));
        if (!"000".equals(answer.getString("code"))) {
            throw new AssertionError("login of " + name + " answered " + answer);
        }
        return new User(name, answer.getString("token"));
    }

    /** Registers and logs in a new user with a unique name. */
    public User newUser(String prefix) {
        String name = uniqueName(prefix);
        return register(name, passwordOf(name));
    }

    /** Logs a user of {@link #newUser} in again, e.g. after Redis lost the tokens. */
    public User relogin(User u) {
        return login(u.name(), passwordOf(u.name()));
    }

    private static String passwordOf(String name) {
        return md5(name.getBytes(StandardCharsets.UTF_8));
    }

    /** n new users, registered concurrently (registration and login are deliberately slow). */
    public List<User> newUsers(String prefix, int n) {
        return concurrently(n, i -> newUser(prefix));
    }

    /** Content no other test uses: a label followed by random bytes. */
    public static byte[] uniqueContent(String label, int randomBytes) {
        byte[] random = new byte[randomBytes];
        ThreadLocalRandom.current().nextBytes(random);
        return concat((uniqueName(label) + "\n").getBytes(StandardCharsets.UTF_8), random);
    }

    /**
     * Runs request(0..n-1) at the same moment: n threads wait at a start gate that opens once all are ready.
     * Answers the results in the order of i; a failure of any request fails the whole call.
     */
    public static <T> List<T> concurrently(int n, IntFunction<T> request) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        var ready = new CountDownLatch(n);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<T>>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return request.apply(index);
                }));
            }
            ready.await();
            start.countDown();
            var results = new ArrayList<T>(n);
            for (Future<T> f : futures) {
                results.add(f.get(3, TimeUnit.MINUTES));
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a concurrent request failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("concurrent requests did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The desktop client's body form: the first line is the boundary; sent as application/json like it does. */
    public static byte[] legacyBody(String user, String token, String fileName, String md5, long size, byte[] content) {
        String boundary = "------WebKitFormBoundary" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String head = boundary + "\r\nContent-Disposition: form-data; user=\"" + user + "\"; filename=\"" + fileName
                + "\"; md5=\"" + md5 + "\"; size=" + size + (token == null ? "" : "; token=\"" + token + "\"")
                + "\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n" + boundary + "--\r\n";
        return concat(head.getBytes(StandardCharsets.UTF_8), content, tail.getBytes(StandardCharsets.UTF_8));
    }

    public String uploadLegacy(User u, String fileName, byte[] content) {
        return uploadCode(legacyBody(u.name(), u.token(), fileName, md5(content), content.length, content),
                "application/json");
    }

    /** Standard multipart/form-data with fields user, token, md5, size and the part "file". */
    public String uploadMultipart(User u, String fileName, byte[] content) {
        String b = "cdtest" + UUID.randomUUID().toString().replace("-", "");
        return uploadCode(multipartBody(b, Map.of("user", u.name(), "token", u.token(), "md5", md5(content),
                "size", Long.toString(content.length)), fileName, content), "multipart/form-data; boundary=" + b);
    }

    public static byte[] multipartBody(String boundary, Map<String, String> fields, String fileName, byte[] content) {
        var sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName.replace("\"", "%22")).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        return concat(sb.toString().getBytes(StandardCharsets.UTF_8), content,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public String uploadCode(byte[] body, String contentType) {
        return postRaw("/upload", body, contentType).asJsonObject().getString("code");
    }

    /** The user's files, first page of up to 100 in the given order. */
    public List<JsonObject> myFiles(User u, String cmd) {
        return post("/myfiles?cmd=" + cmd, json("user", u.name(), "token", u.token(), "start", 0, "count", 100))
                .getJsonArray("file").getValuesAs(JsonObject.class);
    }

    public int myCount(User u) {
        JsonObject a = post("/myfiles?cmd=count", json("user", u.name(), "token", u.token()));
        return Integer.parseInt(a.getString("num"));
    }

    public String dealFile(String cmd, User u, String md5, String fileName) {
        return code("/dealfile?cmd=" + cmd, json("user", u.name(), "token", u.token(), "md5", md5, "filename", fileName));
    }

    /** /sharefiles?cmd=count: a bare JSON number. */
    public int shareCount() {
        Answer a = send("GET", "/sharefiles?cmd=count", null, null);
        if (a.status() != 200 || !(a.json() instanceof JsonNumber n)) {
            throw new AssertionError("share count answered HTTP " + a.status() + ": " + a.text());
        }
        return n.intValueExact();
    }

    /** One page of /sharefiles?cmd=normal | pvasc | pvdesc; anything but a file list fails. */
    public List<JsonObject> sharePage(String cmd, int start, int count) {
        JsonObject answer = post("/sharefiles?cmd=" + cmd, json("start", start, "count", count));
        if (!answer.containsKey("file")) {
            throw new AssertionError("/sharefiles?cmd=" + cmd + " answered " + answer);
        }
        return answer.getJsonArray("file").getValuesAs(JsonObject.class);
    }

    /** The whole public list or ranking, page after page. */
    public List<JsonObject> allShared(String cmd) {
        var all = new ArrayList<JsonObject>();
        for (List<JsonObject> page; !(page = sharePage(cmd, all.size(), 100)).isEmpty(); ) {
            all.addAll(page);
        }
        return all;
    }

    public String dealShare(String cmd, User u, String md5, String fileName) {
        return code("/dealsharefile?cmd=" + cmd, json("user", u.name(), "token", u.token(), "md5", md5,
                "filename", fileName));
    }

    /** /dealsharefile?cmd=pv as anybody does it: without user or token. */
    public String publicPv(String md5, String fileName) {
        return code("/dealsharefile?cmd=pv", json("md5", md5, "filename", fileName));
    }

    public String instant(User u, String md5, String fileName) {
        return code("/md5", json("user", u.name(), "token", u.token(), "md5", md5, "fileName", fileName));
    }

    public Answer get(String url, String... headers) {
        return send("GET", url, null, null, headers);
    }

    public InputStream stream(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
