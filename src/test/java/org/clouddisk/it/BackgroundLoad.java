package org.clouddisk.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Form;
import org.clouddisk.it.CloudDiskClient.Upload;
import org.clouddisk.it.CloudDiskClient.User;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.clouddisk.it.CloudDiskClient.json;

/**
 * A few client threads sending a realistic mix of requests, each as its own user, until stopped; every answer goes
 * to an {@link AnswerLog}. Like real clients they log in again after a 111 and act on the files their last list
 * showed. Requests time out after {@link #REQUEST_TIMEOUT} (recorded as "TIMEOUT"), so a hang fails an assertion
 * instead of the build.
 */
public final class BackgroundLoad implements AutoCloseable {

    /** A shared file every worker may download, count and copy (its owner is not a worker). */
    public record Anchor(String md5, String fileName, String url) {
    }

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String base;
    private final Anchor anchor;
    private final boolean deletes;
    private final AnswerLog log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param deletes whether workers delete files (a delete while the content store is down leaves its content
     *                behind: see OutageIT)
     */
    public BackgroundLoad(String base, List<User> users, Anchor anchor, boolean deletes, AnswerLog log) {
        this.base = base;
        this.anchor = anchor;
        this.deletes = deletes;
        this.log = log;
        for (User u : users) {
            Thread t = new Thread(new Worker(u), "load-" + u.name());
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public BackgroundLoad start() {
        running = true;
        threads.forEach(Thread::start);
        return this;
    }

    /** Stops the workers after their current request. */
    public void stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(REQUEST_TIMEOUT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A file of the worker's last list. */
    private record Known(String md5, String fileName, String url, boolean shared) {
    }

    private final class Worker implements Runnable {
        private final String name;
        private String token;
        private boolean loggedOut;
        private List<Known> files = List.of();

        Worker(User u) {
            this.name = u.name();
            this.token = u.token();
        }

        @Override
        public void run() {
            var random = ThreadLocalRandom.current();
            while (running) {
                try {
                    if (loggedOut && random.nextInt(3) > 0) {
                        login();
                    } else {
                        act(random.nextInt(15));
                    }
                    Thread.sleep(random.nextInt(5, 30));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.add(new AnswerLog.Answer("worker", name, AnswerLog.now(), 0, 0, "CRASH", e.toString()));
                }
            }
        }

        private void act(int pick) {
            Known own = files.isEmpty() ? null : files.get(ThreadLocalRandom.current().nextInt(files.size()));
            switch (pick) {
                case 0 -> login();
                case 1 -> signed("/myfiles?cmd=count", json("user", name, "token", token));
                case 2, 3 -> {
                    JsonValue page = signed("/myfiles?cmd=normal", json("user", name, "token", token, "start", 0,
                            "count", 100));
                    if (page instanceof JsonObject o && o.get("file") instanceof JsonArray list) {
                        files = list.getValuesAs(JsonObject.class).stream().map(f -> new Known(f.getString("md5"),
                                f.getString("filename"), f.getString("url"), f.getInt("share_status") == 1)).toList();
                    }
                }
                case 4 -> signed("/md5", json("user", name, "token", token, "md5", anchor.md5(),
                        "fileName", "copy " + NAMES.incrementAndGet() + ".bin"));
                case 5, 6 -> upload(pick == 5 ? Form.LEGACY : Form.MULTIPART);
                case 7 -> {
                    if (own != null) {
                        signed("/dealfile?cmd=pv", fileRequest(own.md5(), own.fileName()));
                    }
                }
                case 8 -> {
                    if (own != null && !own.shared()) {
                        signed("/dealfile?cmd=share", fileRequest(own.md5(), own.fileName()));
                    }
                }
                case 9 -> {
                    if (deletes && own != null && files.size() > 3) {
                        JsonValue v = signed("/dealfile?cmd=del", fileRequest(own.md5(), own.fileName()));
                        if (v instanceof JsonObject o && "013".equals(o.getString("code", null))) {
                            files = files.stream().filter(f -> f != own).toList();
                        }
                    }
                }
                case 10, 11 -> post("/sharefiles?cmd=pvdesc", json("start", 0, "count", 20));
                case 12 -> post("/dealsharefile?cmd=pv", json("md5", anchor.md5(), "filename", anchor.fileName()));
                default -> download(own != null && ThreadLocalRandom.current().nextBoolean() ? own.url() : anchor.url());
            }
        }

        private JsonObject fileRequest(String md5, String fileName) {
            return json("user", name, "token", token, "md5", md5, "filename", fileName);
        }

        private void login() {
            JsonValue v = post("/login", json("user", name, "password", CloudDiskClient.passwordOf(name)));
            if (v instanceof JsonObject o && "000".equals(o.getString("code", null))) {
                token = o.getString("token");
                loggedOut = false;
            }
        }

        /** A request with the token: a 111 sends the worker to log in again. */
        private JsonValue signed(String path, JsonObject body) {
            JsonValue v = post(path, body);
            if (v instanceof JsonObject o && "111".equals(o.getString("code", null))) {
                loggedOut = true;
            }
            return v;
        }

        private void upload(Form form) {
            byte[] content = CloudDiskClient.uniqueContent("load", ThreadLocalRandom.current().nextInt(100, 8192));
            String boundary = CloudDiskClient.newBoundary(form);
            byte[] body = CloudDiskClient.uploadBody(form, boundary,
                    Upload.of(new User(name, token), "up " + NAMES.incrementAndGet() + ".bin", content));
            JsonValue v = send("/upload", name, HttpRequest.newBuilder(URI.create(base + "/upload"))
                    .header("Content-Type", CloudDiskClient.uploadType(form, boundary))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), true);
            if (v instanceof JsonObject o && "111".equals(o.getString("code", null))) {
                loggedOut = true;
            }
        }

        private JsonValue post(String path, JsonObject body) {
            return send(path, name, HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)), true);
        }

        private void download(String url) {
            send("download", name, HttpRequest.newBuilder(URI.create(url)).GET(), false);
        }
    }

    /** Sends, records the answer, and answers its JSON (null when there was none). */
    private JsonValue send(String endpoint, String user, HttpRequest.Builder request, boolean json) {
        long start = AnswerLog.now();
        int status = 0;
        String outcome;
        String detail = null;
        JsonValue value = null;
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            status = r.statusCode();
            if (!json || status != 200) {
                outcome = "HTTP " + status;
                if (json) {
                    detail = new String(r.body(), StandardCharsets.UTF_8);
                }
            } else {
                String text = new String(r.body(), StandardCharsets.UTF_8);
                try (var reader = Json.createReader(new StringReader(text))) {
                    value = reader.readValue();
                    outcome = outcomeOf(value);
                } catch (RuntimeException e) {
                    outcome = "not JSON";
                }
                if (outcome.startsWith("unexpected") || outcome.equals("not JSON")) {
                    detail = text;
                }
            }
        } catch (HttpTimeoutException e) {
            outcome = "TIMEOUT";
        } catch (IOException e) {
            outcome = "IO " + e.getClass().getSimpleName();
            detail = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "INTERRUPTED";
        }
        log.add(new AnswerLog.Answer(endpoint, user, start, AnswerLog.now() - start, status, outcome, detail));
        return value;
    }

    static String outcomeOf(JsonValue value) {
        if (value instanceof JsonNumber) {
            return "number";
        }
        if (value instanceof JsonObject o) {
            if (o.get("code") instanceof jakarta.json.JsonString code) {
                return code.getString();
            }
            if (o.get("file") instanceof JsonArray) {
                return "list";
            }
        }
        return "unexpected";
    }
}
