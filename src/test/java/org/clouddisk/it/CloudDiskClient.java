package org.clouddisk.it;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
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
import java.util.function.Supplier;

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
            } else if (v instanceof Double n) {
                b.add(k, n);
            } else if (v instanceof JsonValue j) {
                b.add(k, j);
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
        HttpResponse<byte[]> r = call(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().map(), r.body());
    }

    /** POSTs raw bytes; the answer must be HTTP 200 JSON. */
    public JsonValue postRaw(String path, byte[] body, String contentType, String... headers) {
        return protocolAnswer("POST " + path, send("POST", path, body, contentType, headers));
    }

    /** The JSON of a protocol answer, which must be HTTP 200 application/json;charset=UTF-8 (PROTOCOL.md). */
    private static JsonValue protocolAnswer(String request, Answer a) {
        if (a.status() != 200) {
            throw new AssertionError(request + " answered HTTP " + a.status() + ": " + a.text());
        }
        String type = a.header("Content-Type");
        if (type == null || !type.replace(" ", "").equalsIgnoreCase("application/json;charset=UTF-8")) {
            throw new AssertionError(request + " answered Content-Type " + type);
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

    /** The password {@link #newUser} registers a user with. */
    static String passwordOf(String name) {
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
        return legacyBody(newBoundary(), legacyParams(user, token, fileName, md5, size), content);
    }

    /** A legacy body with its closing boundary line. */
    public static byte[] legacyBody(String boundary, String params, byte[] content) {
        return concat(legacyHead(boundary, params), content, legacyTail(boundary));
    }

    /** Everything of a legacy body before the content. {@code params} follow "Content-Disposition: form-data; ". */
    public static byte[] legacyHead(String boundary, String params) {
        return (boundary + "\r\nContent-Disposition: form-data; " + params
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] legacyTail(String boundary) {
        return ("\r\n" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The Content-Disposition parameters of a legacy upload as the desktop client writes them (null: left out). */
    public static String legacyParams(String user, String token, String fileName, String md5, Long size) {
        var p = new java.util.StringJoiner("; ");
        if (user != null) {
            p.add("user=" + quoted(user));
        }
        if (fileName != null) {
            p.add("filename=" + quoted(fileName));
        }
        if (md5 != null) {
            p.add("md5=" + quoted(md5));
        }
        if (size != null) {
            p.add("size=" + size);
        }
        if (token != null) {
            p.add("token=" + quoted(token));
        }
        return p.toString();
    }

    /** A quoted-string with backslash escapes (RFC 9110), so names with quotes and semicolons survive. */
    public static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    public static String newBoundary() {
        return "------WebKitFormBoundary" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public String uploadLegacy(User u, String fileName, byte[] content) {
        return upload(Form.LEGACY, Upload.of(u, fileName, content));
    }

    /** The two body forms of /upload (PROTOCOL.md). */
    public enum Form { LEGACY, MULTIPART }

    /** What an upload declares and carries; a null field is left out of the body. */
    public record Upload(String user, String token, String fileName, String md5, Long size, byte[] content) {
        /** A correct upload of content by u. */
        public static Upload of(User u, String fileName, byte[] content) {
            return new Upload(u.name(), u.token(), fileName, CloudDiskClient.md5(content), (long) content.length, content);
        }

        public Upload withUser(String user) {
            return new Upload(user, token, fileName, md5, size, content);
        }

        public Upload withToken(String token) {
            return new Upload(user, token, fileName, md5, size, content);
        }

        public Upload withFileName(String fileName) {
            return new Upload(user, token, fileName, md5, size, content);
        }

        public Upload withMd5(String md5) {
            return new Upload(user, token, fileName, md5, size, content);
        }

        public Upload withSize(Long size) {
            return new Upload(user, token, fileName, md5, size, content);
        }

        public Upload withContent(byte[] content) {
            return new Upload(user, token, fileName, md5, size, content);
        }
    }

    /** The body of an upload in the given form; the multipart fields come in the order user, token, md5, size. */
    public static byte[] uploadBody(Form form, String boundary, Upload up) {
        if (form == Form.LEGACY) {
            return legacyBody(boundary, legacyParams(up.user(), up.token(), up.fileName(), up.md5(), up.size()),
                    up.content());
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String[] f : new String[][]{{"user", up.user()}, {"token", up.token()}, {"md5", up.md5()},
                {"size", up.size() == null ? null : up.size().toString()}}) {
            if (f[1] != null) {
                fields.put(f[0], f[1]);
            }
        }
        return multipartBody(boundary, fields, up.fileName(), up.content());
    }

    /** The Content-Type of an upload body: the legacy form goes as application/json, as the desktop client sends it. */
    public static String uploadType(Form form, String boundary) {
        return form == Form.LEGACY ? "application/json" : multipartType(boundary);
    }

    public static String newBoundary(Form form) {
        return form == Form.LEGACY ? newBoundary() : newMultipartBoundary();
    }

    /** Uploads in the given form and answers the code. */
    public String upload(Form form, Upload up, String... headers) {
        String boundary = newBoundary(form);
        return uploadCode(uploadBody(form, boundary, up), uploadType(form, boundary), headers);
    }

    /** Standard multipart/form-data with fields user, token, md5, size and the part "file". */
    public String uploadMultipart(User u, String fileName, byte[] content) {
        return upload(Form.MULTIPART, Upload.of(u, fileName, content));
    }

    public static String newMultipartBoundary() {
        return "cdtest" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * A multipart/form-data body with the given fields (in map order) and, unless fileName is null, the part "file".
     */

    public static byte[] multipartBody(String boundary, Map<String, String> fields, String fileName, byte[] content) {
        var sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        if (fileName != null) {
            sb.append(filePartHead(boundary, fileName));
        }
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        return fileName == null ? concat(head, ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8))
                : concat(head, content, ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The headers of the part "file" (the name as an RFC quoted-string). */
    public static String filePartHead(String boundary, String fileName) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=" + quoted(fileName)
                + "\r\nContent-Type: application/octet-stream\r\n\r\n";
    }

    public static String multipartType(String boundary) {
        return "multipart/form-data; boundary=" + boundary;
    }

    public String uploadCode(byte[] body, String contentType, String... headers) {
        return postRaw("/upload", body, contentType, headers).asJsonObject().getString("code");
    }

    /** POSTs a streamed body to /upload; {@code length} < 0 sends it chunked. */
    public String uploadStream(Supplier<InputStream> body, long length, String contentType) {
        var publisher = HttpRequest.BodyPublishers.ofInputStream(body);
        var request = HttpRequest.newBuilder(URI.create(base + "/upload")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", contentType)
                .POST(length < 0 ? publisher : HttpRequest.BodyPublishers.fromPublisher(publisher, length)).build();
        HttpResponse<byte[]> r = call(request, HttpResponse.BodyHandlers.ofByteArray());
        return protocolAnswer("POST /upload", new Answer(r.statusCode(), r.headers().map(), r.body()))
                .asJsonObject().getString("code");
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

    /** Empties the user's trash (API v2): what /dealfile?cmd=del put there is deleted for good. */
    public void emptyTrash(User u) {
        Answer a = send("DELETE", "/api/v2/trash", null, null, "Authorization", "Bearer " + u.token());
        if (a.status() != 204) {
            throw new AssertionError("emptying the trash answered HTTP " + a.status() + ": " + a.text());
        }
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

    /** One page of /myfiles in the given order: the whole answer ({"file":[...]} or {"code":...}). */
    public JsonObject myFilesPage(User u, String cmd, Object start, Object count) {
        return post("/myfiles?cmd=" + cmd, json("user", u.name(), "token", u.token(), "start", start, "count", count));
    }

    public Answer get(String url, String... headers) {
        return send("GET", url, null, null, headers);
    }

    public Answer head(String url, String... headers) {
        return send("HEAD", url, null, null, headers);
    }

    public InputStream stream(String url) {
        return call(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    /** A download streamed through a digest, never held whole: its status, byte count and md5. */
    public record Digested(int status, long size, String md5) {
    }

    public Digested download(String url) {
        HttpResponse<InputStream> r = call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var in = new DigestInputStream(r.body(), MessageDigest.getInstance("MD5"))) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            return new Digested(r.statusCode(), size, HexFormat.of().formatHex(in.getMessageDigest().digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
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
