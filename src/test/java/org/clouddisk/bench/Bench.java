package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.it.GeneratedContent;
import org.clouddisk.it.LargeTransfers;
import org.clouddisk.it.NginxFront;
import org.clouddisk.it.RedisServer;
import org.clouddisk.it.StandaloneServer;
import org.clouddisk.it.TestEnvironment;
import org.clouddisk.storage.FastDfsContentStore;
import org.clouddisk.storage.fdfs.FastDfsTestServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.clouddisk.bench.Report.f;
import static org.clouddisk.bench.Report.mib;
import static org.clouddisk.it.CloudDiskClient.json;

/**
 * CloudDisk's benchmark (mvn -Pbench verify, see bench/README-section.md): the packaged WAR on a WildFly of its
 * own (-Xmx512m, MariaDB, a redis-server of its own, FastDFS), measured for transfer throughput against the
 * content store itself, server memory during a large upload, and requests per second and latency under wrk.
 */
public final class Bench {

    private static final long MIB = 1L << 20;
    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
    private static final int OFFSET = Integer.getInteger("bench.port.offset", 900);
    private static final String DB = System.getProperty("bench.db.name", "clouddisk_it_bench");
    private static final String DB_URL = "jdbc:mariadb://127.0.0.1:3306/" + DB;
    private static final long BIG = Long.getLong("bench.big.bytes", 1L << 30);
    private static final int SMALL_COUNT = Integer.getInteger("bench.small.count", 100);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final int DURATION = Integer.getInteger("bench.duration", 10);
    private static final int JFR_SECONDS = 20;
    private static final int[] CONNECTIONS = {1, 16, 64};
    private static final int[] LIST_SIZES = {100, 10_000, 100_000};
    private static final int MAIN_LIST = 10_000;
    private static final int PAGE = 50; // the web page's page size (js/app.js PAGE_SIZE)
    private static final double RATIO_GOAL = 0.9;
    private static final double RPS_GOAL = 4000;
    private static final double P99_GOAL_MS = 50;

    /** An endpoint under wrk: the JSON body to POST ({n} makes each request's unique), or "" to GET. */
    private record Endpoint(String name, String path, String body, String expect, boolean targeted) {
        Endpoint(String name, String path, JsonObject body, String expect, boolean targeted) {
            this(name, path, body.toString(), expect, targeted);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private final Report report = new Report();
    private final String base;
    private final String storeName;
    private final CloudDiskClient client;
    private final LargeTransfers transfers;
    private final FastDfsContentStore direct;
    private final JvmProbe jvm;
    private final Wrk wrk;
    private final List<Runnable> profiles = new ArrayList<>();
    private final Map<Integer, User> listUsers = new HashMap<>();

    private final List<String> serverProperties;
    private final FastDfsTestServer fastdfs;
    private StandaloneServer server;
    /** Download paths (/group1/M00/...) and md5s of the 1 MiB files and of the big one, from throughput(). */
    private final String[] smallPaths = new String[SMALL_COUNT];
    private final String[] smallMd5s = new String[SMALL_COUNT];
    private String bigPath;
    private String bigMd5;

    private Bench(StandaloneServer server, List<String> serverProperties, String trackers, FastDfsTestServer fastdfs)
            throws IOException {
        this.server = server;
        this.serverProperties = serverProperties;
        this.fastdfs = fastdfs;
        this.base = server.baseUrl();
        this.storeName = fastdfs != null ? "FastDfsTestServer in the bench JVM" : "FastDFS " + trackers;
        this.client = new CloudDiskClient(base);
        this.transfers = new LargeTransfers(base);
        this.direct = new FastDfsContentStore(trackers, 10_000, 120_000);
        this.jvm = new JvmProbe(server.jvm());
        this.wrk = new Wrk(base, OUT);
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        StandaloneServer.deleteTree(OUT);
        Files.createDirectories(OUT);
        String external = System.getenv("CLOUDDISK_FASTDFS_TRACKERS");
        FastDfsTestServer fastdfs = external == null || external.isBlank()
                ? FastDfsTestServer.start(0, 0, OUT.resolve("fastdfs")) : null;
        String trackers = fastdfs != null ? fastdfs.trackers() : external.trim();
        var redis = new RedisServer(Integer.getInteger("bench.redis.port", 6390), OUT.resolve("redis.log"));
        TestEnvironment.recreateDatabase(DB);
        List<String> properties = List.of("-Dclouddisk.db.driver=mariadb",
                "-Dclouddisk.db.url=" + DB_URL, "-Dclouddisk.db.user=clouddisk", "-Dclouddisk.db.password=clouddisk",
                "-Dclouddisk.redis.url=redis://127.0.0.1:" + redis.port(), "-Dclouddisk.storage=fastdfs",
                "-Dclouddisk.fastdfs.trackers=" + trackers, "-Dclouddisk.data.dir=" + OUT.resolve("data"),
                "-Dclouddisk.public.url=http://127.0.0.1:" + (8080 + OFFSET), "-Dclouddisk.node.id=bench");
        var server = new StandaloneServer(OUT.resolve("server"), OFFSET, properties);
        Bench bench = null;
        try {
            redis.start();
            server.start();
            bench = new Bench(server, properties, trackers, fastdfs);
            bench.run(started);
        } finally {
            (bench != null ? bench.server : server).stop();
            redis.stop();
            if (fastdfs != null) {
                fastdfs.stop();
                StandaloneServer.deleteTree(OUT.resolve("fastdfs"));
            }
        }
    }

    private void run(long started) throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        throughput();
        new LinkBench(report, base, client, transfers, BIG).run();
        new TusBench(base, client, transfers, direct, report).run(BIG);
        load();
        listing();
        profiles.forEach(Runnable::run);
        if (fastdfs != null) {
            downloadsThroughNginx();
        } else {
            report.text("Downloads through nginx: skipped, the storage servers' HTTP server is not known here.");
        }
        report.targetsTable();
        double minutes = (System.nanoTime() - started) / 60e9;
        machine(loadBefore, minutes);
        report.write(OUT);
        System.out.println("\nbench: results in " + OUT.resolve("results.json") + " and results.md");
    }

    // ---- throughput and memory ----------------------------------------------------------------------------------

    private void throughput() throws Exception {
        User u = client.newUser("bench_xfer");
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();

        String[] ids = new String[SMALL_COUNT];
        for (int i = 0; i < SMALL_COUNT; i++) {
            smallMd5s[i] = GeneratedContent.md5(1000 + i, MIB);
        }
        long smallBytes = SMALL_COUNT * MIB;
        String small = SMALL_COUNT + " x 1 MiB";
        double directUp = seconds(() -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                ids[i] = direct.store(new GeneratedContent(1000 + i, MIB), MIB, "bin");
            }
        });
        long rssBeforeSmall = jvm.statusKiB("VmRSS");
        double appUp;
        long smallPeak;
        Step smallUploads = () -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                expect("008", transfers.upload(u, "small-" + i + ".bin", 1000 + i, MIB, smallMd5s[i]), "upload");
            }
        };
        try (var rss = jvm.new RssSampler()) {
            appUp = seconds(smallUploads);
            smallPeak = rss.peakKiB();
        }
        if (!throughputRow(rows, json, "upload", small, smallBytes, directUp, appUp)) {
            profiles.add(() -> profile("upload-1mib", small + " uploads through /upload", smallUploads));
        }

        Map<String, String> urls = urls(u, 0);
        for (int i = 0; i < SMALL_COUNT; i++) {
            smallPaths[i] = urls.get("small-" + i + ".bin").substring(base.length());
        }
        double directDown = seconds(() -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                readDirect(ids[i], MIB, smallMd5s[i]);
            }
        });
        Step smallDownloads = () -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                download(urls.get("small-" + i + ".bin"), MIB, smallMd5s[i]);
            }
        };
        double appDown = seconds(smallDownloads);
        if (!throughputRow(rows, json, "download", small, smallBytes, directDown, appDown)) {
            profiles.add(() -> profile("download-1mib", small + " downloads", smallDownloads));
        }

        bigMd5 = GeneratedContent.md5(7, BIG);
        String big = BIG / MIB + " MiB";
        String[] bigId = new String[1];
        directUp = seconds(() -> bigId[0] = direct.store(new GeneratedContent(7, BIG), BIG, "bin"));
        long heapBefore = jvm.heapUsedKiB();
        long rssBeforeBig = jvm.statusKiB("VmRSS");
        long bigPeak;
        Step bigUpload = () -> expect("008", transfers.upload(u, "big.bin", 7, BIG, bigMd5), "upload");
        try (var rss = jvm.new RssSampler()) {
            appUp = seconds(bigUpload);
            bigPeak = rss.peakKiB();
        }
        long heapAfter = jvm.heapUsedKiB();
        long hwm = jvm.statusKiB("VmHWM");
        boolean bigUpOk = throughputRow(rows, json, "upload", big, BIG, directUp, appUp);

        String bigUrl = urls(u, SMALL_COUNT).get("big.bin");
        bigPath = bigUrl.substring(base.length());
        directDown = seconds(() -> readDirect(bigId[0], BIG, bigMd5));
        Step bigDownload = () -> download(bigUrl, BIG, bigMd5);
        appDown = seconds(bigDownload);
        boolean bigDownOk = throughputRow(rows, json, "download", big, BIG, directDown, appDown);
        report.table("Transfers through the server vs. straight to the content store (" + storeName + ")",
                List.of("transfer", "files", "direct to store MiB/s", "through /upload, download URL MiB/s",
                        "ratio"), rows);
        report.json().add("throughput", json);
        if (!bigUpOk) {
            profiles.add(() -> profile("upload-1gib", "1 GiB uploads through /upload", bigUpload));
        }
        if (!bigDownOk) {
            profiles.add(() -> profile("download-1gib", "1 GiB downloads", bigDownload));
        }

        report.table("WildFly JVM memory (-Xmx512m) during the uploads (VmRSS sampled every 50 ms)",
                List.of("reading", "value"), List.of(
                        List.of("VmRSS before the " + small + " uploads", mib(rssBeforeSmall)),
                        List.of("peak VmRSS during the " + small + " uploads", mib(smallPeak)),
                        List.of("VmRSS before the " + big + " upload", mib(rssBeforeBig)),
                        List.of("peak VmRSS during the " + big + " upload", mib(bigPeak)),
                        List.of("VmHWM after the " + big + " upload (since JVM start)", mib(hwm)),
                        List.of("heap in use before the " + big + " upload (jcmd GC.heap_info)", mib(heapBefore)),
                        List.of("heap in use after the " + big + " upload", mib(heapAfter))));
        report.json().add("memory", Json.createObjectBuilder().add("rss_before_small_kib", rssBeforeSmall)
                .add("rss_peak_small_kib", smallPeak).add("rss_before_big_kib", rssBeforeBig)
                .add("rss_peak_big_kib", bigPeak).add("vm_hwm_kib", hwm).add("heap_used_before_big_kib", heapBefore)
                .add("heap_used_after_big_kib", heapAfter).add("big_bytes", BIG));
        long growth = bigPeak - smallPeak;
        report.target("memory flat in file size", "peak RSS " + big + " - peak RSS 1 MiB files = " + mib(growth),
                "< 10% of " + big, growth * 1024 < BIG / 10);
    }

    private boolean throughputRow(List<List<String>> rows, JsonArrayBuilder json, String kind, String files,
                                  long bytes, double directSeconds, double appSeconds) {
        double directRate = bytes / MIB / directSeconds;
        double appRate = bytes / MIB / appSeconds;
        double ratio = appRate / directRate;
        rows.add(List.of(kind, files, f(directRate), f(appRate), f(ratio)));
        json.add(Json.createObjectBuilder().add("transfer", kind).add("files", files).add("bytes", bytes)
                .add("direct_mib_s", directRate).add("app_mib_s", appRate).add("ratio", ratio));
        return report.target(kind + " " + files, f(ratio * 100) + "% of direct", ">= 90%", ratio >= RATIO_GOAL);
    }

    private void readDirect(String fileId, long size, String md5) throws Exception {
        var digest = MessageDigest.getInstance("MD5");
        try (var out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            direct.read(fileId, 0, size, out);
        }
        expect(md5, HexFormat.of().formatHex(digest.digest()), "direct read of " + fileId);
    }

    private void download(String url, long size, String md5) {
        LargeTransfers.Received r = transfers.download(url, null);
        if (r.status() != 200 || r.bytes() != size || !r.md5().equals(md5)) {
            throw new AssertionError("download of " + url + " gave " + r);
        }
    }

    /** File name -> download URL of one page of the user's files. */
    private Map<String, String> urls(User u, int start) {
        Map<String, String> urls = new HashMap<>();
        client.post("/myfiles?cmd=normal", json("user", u.name(), "token", u.token(), "start", start, "count", 100))
                .getJsonArray("file").getValuesAs(JsonObject.class)
                .forEach(f -> urls.put(f.getString("filename"), f.getString("url")));
        return urls;
    }

    // ---- downloads through nginx ---------------------------------------------------------------------------------

    /**
     * The production download path against nginx serving the same files straight from the storage's disk: the
     * server restarted with CLOUDDISK_ACCEL_REDIRECT behind nginx (nginx/clouddisk.conf with
     * nginx/accel-fastdfs.conf, see {@link NginxFront}), so that it answers each download with X-Accel-Redirect
     * and nginx sends the bytes. The download path gets a wrk warm-up, and each side one round of the 1 MiB files.
     */
    private void downloadsThroughNginx() throws Exception {
        server.stop();
        var properties = new ArrayList<>(serverProperties);
        properties.add("-Dclouddisk.accel.redirect=" + NginxFront.ACCEL_PREFIX);
        server = new StandaloneServer(OUT.resolve("server-accel"), OFFSET, properties);
        server.start();
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        try (var nginx = NginxFront.withFastdfs(OUT.resolve("nginx"), List.of(server.httpPort()), fastdfs.dir())) {
            // The restarted server's download path is cold: warm it up as the rest of the bench warms endpoints.
            new Wrk(nginx.baseUrl(), OUT.resolve("nginx")).run("warm-up", smallPaths[0], "", "", 16, WARMUP);
            for (String front : List.of(nginx.storageUrl(), nginx.baseUrl())) {
                downloadSmallFiles(front);
            }
            String small = SMALL_COUNT + " x 1 MiB";
            double fromDisk = seconds(() -> downloadSmallFiles(nginx.storageUrl()));
            double accelerated = seconds(() -> downloadSmallFiles(nginx.baseUrl()));
            nginxRow(rows, json, small, SMALL_COUNT * MIB, fromDisk, accelerated);
            String big = BIG / MIB + " MiB";
            fromDisk = seconds(() -> download(nginx.storageUrl() + bigPath, BIG, bigMd5));
            accelerated = seconds(() -> download(nginx.baseUrl() + bigPath, BIG, bigMd5));
            nginxRow(rows, json, big, BIG, fromDisk, accelerated);
        }
        report.table("Downloads through nginx after the server said yes (X-Accel-Redirect) vs. nginx serving the"
                + " same files from disk", List.of("files", "nginx from disk MiB/s",
                "through nginx and the server MiB/s", "ratio"), rows);
        report.json().add("nginx_downloads", json);
    }

    private void downloadSmallFiles(String front) {
        for (int i = 0; i < SMALL_COUNT; i++) {
            download(front + smallPaths[i], MIB, smallMd5s[i]);
        }
    }

    private void nginxRow(List<List<String>> rows, JsonArrayBuilder json, String files, long bytes,
                          double fromDiskSeconds, double acceleratedSeconds) {
        double fromDisk = bytes / MIB / fromDiskSeconds;
        double accelerated = bytes / MIB / acceleratedSeconds;
        double ratio = accelerated / fromDisk;
        rows.add(List.of(files, f(fromDisk), f(accelerated), f(ratio)));
        json.add(Json.createObjectBuilder().add("files", files).add("bytes", bytes).add("nginx_disk_mib_s", fromDisk)
                .add("accel_mib_s", accelerated).add("ratio", ratio));
        report.target("download " + files + " through nginx", f(ratio * 100) + "% of nginx from disk", ">= 90%",
                ratio >= RATIO_GOAL);
    }

    // ---- requests per second under wrk ------------------------------------------------------------------------

    private void load() throws Exception {
        byte[] seed = "CloudDisk benchmark seed content\n".getBytes(StandardCharsets.UTF_8);
        String seedMd5 = CloudDiskClient.md5(seed);
        for (int n : LIST_SIZES) {
            listUsers.put(n, userWithFiles(n, seed));
        }
        User owner = listUsers.get(MAIN_LIST);
        for (int i = 1; i <= 100; i++) {
            expect("010", client.dealFile("share", owner, seedMd5, fileName(i)), "share");
        }
        String password = CloudDiskClient.md5("bench".getBytes(StandardCharsets.UTF_8));
        User login = client.register(CloudDiskClient.uniqueName("bench_login"), password);
        User md5User = client.newUser("bench_md5");
        String unknown = CloudDiskClient.md5("content nobody uploaded".getBytes(StandardCharsets.UTF_8));

        // The ceilings: what this WildFly serves when the application does nothing, in the same run.
        Endpoint jaxrsCeiling = new Endpoint("GET /api/ping (smallest JAX-RS answer)", "/api/ping", "", "pong", false);
        Endpoint staticCeiling = new Endpoint("GET /js/md5-worker.js (static file, 2.8 KB)", "/js/md5-worker.js", "",
                "SparkMD5", false);
        List<Endpoint> endpoints = List.of(jaxrsCeiling, staticCeiling,
                new Endpoint("/md5 hit (005, new name each request)", "/md5", json("user", md5User.name(),
                        "token", md5User.token(), "md5", seedMd5, "fileName", "hit-{n}.txt"), "\"005\"", true),
                new Endpoint("/md5 miss (006)", "/md5", json("user", md5User.name(), "token", md5User.token(),
                        "md5", unknown, "fileName", "miss.txt"), "\"006\"", true),
                new Endpoint("/myfiles?cmd=normal (" + MAIN_LIST + " files, first " + PAGE + ")",
                        "/myfiles?cmd=normal", json("user", owner.name(), "token", owner.token(), "start", 0,
                        "count", PAGE), "\"file\":[{", true),
                new Endpoint("/sharefiles?cmd=pvdesc (100 shared, first " + PAGE + ")", "/sharefiles?cmd=pvdesc",
                        json("start", 0, "count", PAGE), "\"file\":[{", false),
                new Endpoint("/dealfile?cmd=pv", "/dealfile?cmd=pv", json("user", owner.name(), "token",
                        owner.token(), "md5", seedMd5, "filename", "seed.txt"), "\"016\"", false),
                // Last: on a loaded machine the server keeps hashing the passwords of requests wrk gave up on,
                // which would starve the rows after it.
                new Endpoint("/login", "/login", json("user", login.name(), "password", password), "\"000\"", false));

        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        Map<Endpoint, Map<Integer, Double>> ceilings = Map.of(jaxrsCeiling, new HashMap<>(), staticCeiling,
                new HashMap<>());
        for (Endpoint e : endpoints) {
            wrk.run(e.name(), e.path(), e.body(), e.expect(), 16, WARMUP);
            for (int c : CONNECTIONS) {
                Wrk.Result r = wrk.run(e.name(), e.path(), e.body(), e.expect(), c, DURATION);
                if (ceilings.containsKey(e)) {
                    ceilings.get(e).put(c, r.rps());
                }
                double ofJaxrs = r.rps() / ceilings.get(jaxrsCeiling).get(c);
                var result = Json.createObjectBuilder(resultJson(r)).add("of_jaxrs_ceiling", ofJaxrs);
                Double staticRps = ceilings.get(staticCeiling).get(c); // not yet measured on the JAX-RS ceiling's rows
                if (staticRps != null) {
                    result.add("of_static_ceiling", r.rps() / staticRps);
                }
                rows.add(List.of(e.name(), Integer.toString(c), f(r.rps()), f(r.p50Ms()), f(r.p99Ms()),
                        Long.toString(r.bad()), f(ofJaxrs), staticRps == null ? "" : f(r.rps() / staticRps)));
                json.add(result);
                if (e.targeted() && c == 64 && !report.target(e.name() + " at 64 connections",
                        f(r.rps()) + " req/s (" + f(100 * ofJaxrs) + "% of the JAX-RS ceiling), p99 " + f(r.p99Ms())
                                + " ms, " + r.bad() + " bad", ">= " + f(RPS_GOAL) + " req/s, p99 < " + f(P99_GOAL_MS)
                                + " ms", r.rps() >= RPS_GOAL && r.p99Ms() < P99_GOAL_MS && r.bad() == 0)) {
                    String slug = e.path().replaceAll("\\W+", "-").replaceAll("^-|-$", "") + (e.expect().contains("005")
                            ? "-hit" : e.expect().contains("006") ? "-miss" : "");
                    profiles.add(() -> profile(slug, e.name() + " under wrk -c 64", () ->
                            wrk.run(e.name(), e.path(), e.body(), e.expect(), 64, JFR_SECONDS)));
                }
            }
        }
        report.table("Requests per second under wrk (" + WARMUP + " s warm-up at 16 connections, then " + DURATION
                        + " s per row; ceilings: the same WildFly answering without the application's work)",
                List.of("endpoint", "connections", "req/s", "p50 ms", "p99 ms", "bad answers", "of JAX-RS ceiling",
                        "of static ceiling"), rows);
        report.json().add("load", json);
    }

    private static JsonObject resultJson(Wrk.Result r) {
        return Json.createObjectBuilder().add("endpoint", r.endpoint()).add("connections", r.connections())
                .add("rps", r.rps()).add("p50_ms", r.p50Ms()).add("p90_ms", r.p90Ms()).add("p99_ms", r.p99Ms())
                .add("max_ms", r.maxMs()).add("requests", r.requests()).add("bad", r.bad()).build();
    }

    private static String fileName(int i) {
        return String.format("file-%06d.txt", i);
    }

    /**
     * A new user with n files: one real upload (seed.txt), then n - 1 more names for the same content inserted
     * straight into user_file_list, keeping the invariants (file_info.count, user_file_count) in the same
     * transaction. Checked through /myfiles?cmd=count.
     */
    private User userWithFiles(int n, byte[] seed) throws SQLException {
        User u = client.newUser("bench_list" + n);
        expect("008", client.uploadLegacy(u, "seed.txt", seed), "seed upload");
        String md5 = CloudDiskClient.md5(seed);
        try (Connection c = database()) {
            c.setAutoCommit(false);
            try (var insert = c.prepareStatement("INSERT INTO user_file_list"
                    + " (user, md5, file_name, create_time, shared_status, pv) SELECT ?, ?,"
                    + " CONCAT('file-', LPAD(seq, 6, '0'), '.txt'), NOW() - INTERVAL 1 DAY + INTERVAL seq SECOND, 0, 0"
                    + " FROM seq_1_to_" + (n - 1));
                 var content = c.prepareStatement("UPDATE file_info SET count = count + ? WHERE md5 = ?");
                 var counter = c.prepareStatement("UPDATE user_file_count SET count = count + ? WHERE user = ?")) {
                insert.setString(1, u.name());
                insert.setString(2, md5);
                expect(Integer.toString(n - 1), Integer.toString(insert.executeUpdate()), "inserted rows");
                content.setInt(1, n - 1);
                content.setString(2, md5);
                content.executeUpdate();
                counter.setInt(1, n - 1);
                counter.setString(2, u.name());
                expect("1", Integer.toString(counter.executeUpdate()), "user_file_count row");
            }
            c.commit();
        }
        expect(Integer.toString(n), Integer.toString(client.myCount(u)), "myfiles?cmd=count");
        return u;
    }

    // ---- /myfiles latency against list length, and its query plan --------------------------------------------

    private void listing() throws Exception {
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        Map<String, Double> p50 = new HashMap<>();
        for (int n : LIST_SIZES) {
            User u = listUsers.get(n);
            for (int start : new int[]{0, n - PAGE}) {
                String page = start == 0 ? "first" : "last";
                String body = json("user", u.name(), "token", u.token(), "start", start, "count", PAGE).toString();
                if (start == 0) {
                    wrk.run("warm-up", "/myfiles?cmd=normal", body, "\"file\":[{", 1, Math.min(WARMUP, 3));
                }
                Wrk.Result r = wrk.run("/myfiles?cmd=normal " + n + " files, " + page + " page",
                        "/myfiles?cmd=normal", body, "\"file\":[{", 1, DURATION);
                p50.put(page + n, r.p50Ms());
                rows.add(List.of(Integer.toString(n), page + " (start " + start + ")", f(r.p50Ms()), f(r.p99Ms()),
                        f(r.rps()), Long.toString(r.bad())));
                json.add(Json.createObjectBuilder(resultJson(r)).add("files", n).add("start", start));
            }
        }
        report.table("/myfiles?cmd=normal against the length of the user's list (pages of " + PAGE
                + ", 1 connection, " + DURATION + " s each)", List.of("files", "page", "p50 ms", "p99 ms", "req/s",
                "bad answers"), rows);
        report.json().add("listing", json);
        int most = LIST_SIZES[LIST_SIZES.length - 1];
        int least = LIST_SIZES[0];
        for (String page : List.of("first", "last")) {
            double grown = p50.get(page + most);
            double flat = p50.get("first" + least);
            report.target("/myfiles " + page + " page flat in list length", "p50 " + f(grown) + " ms at " + most
                    + " files vs " + f(flat) + " ms (first page) at " + least, "<= 2x", grown <= 2 * flat);
        }
        queryPlans(listUsers.get(most), most);
    }

    /** EXPLAIN and timings of the list query (as Hibernate issues it) and of a deferred-join alternative. */
    private void queryPlans(User u, int n) throws SQLException {
        String columns = "u.id, u.create_time, u.file_name, u.md5, u.pv, u.shared_status, u.user,"
                + " f.id, f.count, f.file_id, f.md5, f.size, f.type, f.url";
        Map<String, String> queries = Map.of(
                "current", "SELECT " + columns + " FROM user_file_list u JOIN file_info f ON f.md5 = u.md5"
                        + " WHERE u.user = ? ORDER BY u.create_time, u.id LIMIT ?, ?",
                "deferred join", "SELECT " + columns + " FROM (SELECT id FROM user_file_list WHERE user = ?"
                        + " ORDER BY create_time, id LIMIT ?, ?) page JOIN user_file_list u ON u.id = page.id"
                        + " JOIN file_info f ON f.md5 = u.md5 ORDER BY u.create_time, u.id");
        var timings = new ArrayList<List<String>>();
        var json = Json.createObjectBuilder();
        try (Connection c = database()) {
            for (String name : List.of("current", "deferred join")) {
                for (int start : new int[]{0, n - PAGE}) {
                    String label = name + ", start " + start;
                    var plan = new ArrayList<List<String>>();
                    try (var s = c.prepareStatement("EXPLAIN " + queries.get(name))) {
                        bind(s, u.name(), start);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                plan.add(List.of(rs.getString("id"), rs.getString("select_type"),
                                        rs.getString("table"), rs.getString("type"), String.valueOf(rs.getString("key")),
                                        String.valueOf(rs.getString("ref")), rs.getString("rows"),
                                        String.valueOf(rs.getString("Extra"))));
                            }
                        }
                    }
                    report.table("EXPLAIN (" + label + ", " + n + " files): " + queries.get(name).replace("?", "…"),
                            List.of("id", "select_type", "table", "type", "key", "ref", "rows", "Extra"), plan);
                    double[] ms = new double[7];
                    try (var s = c.prepareStatement(queries.get(name))) {
                        bind(s, u.name(), start);
                        for (int i = 0; i < ms.length; i++) {
                            long t = System.nanoTime();
                            try (ResultSet rs = s.executeQuery()) {
                                while (rs.next()) {
                                    rs.getString(3);
                                }
                            }
                            ms[i] = (System.nanoTime() - t) / 1e6;
                        }
                    }
                    java.util.Arrays.sort(ms);
                    timings.add(List.of(name, Integer.toString(start), f(ms[ms.length / 2])));
                    json.add(label, ms[ms.length / 2]);
                }
            }
        }
        report.table("The list query straight over JDBC (" + n + " files, median of 7)",
                List.of("query", "start", "ms"), timings);
        report.json().add("list_query_ms", json);
    }

    private static void bind(java.sql.PreparedStatement s, String user, int start) throws SQLException {
        s.setString(1, user);
        s.setInt(2, start);
        s.setInt(3, PAGE);
    }

    // ---- profiles of missed targets ----------------------------------------------------------------------------

    private void profile(String slug, String load, Step round) {
        try {
            Path file = OUT.resolve(slug + ".jfr");
            jvm.startJfr(file, JFR_SECONDS);
            long end = System.nanoTime() + JFR_SECONDS * 1_000_000_000L;
            while (System.nanoTime() < end) {
                round.run();
            }
            JvmProbe.Profile p = jvm.hotMethods(file, 12);
            var rows = new ArrayList<List<String>>();
            for (int i = 0; i < Math.max(p.self().size(), p.ownInclusive().size()); i++) {
                rows.add(List.of(i < p.self().size() ? cell(p.self().get(i), p.samples()) : "",
                        i < p.ownInclusive().size() ? cell(p.ownInclusive().get(i), p.samples()) : ""));
            }
            report.table("JFR " + file.getFileName() + ": " + load + " (" + p.samples() + " execution samples)",
                    List.of("hottest methods (self)", "CloudDisk methods on the stack (inclusive)"), rows);
            report.table("JFR " + file.getFileName() + ": where threads waited (events over the JFR thresholds)",
                    List.of("wait", "events"), jvm.waits(file, 10).stream()
                            .map(e -> List.of("`" + e.getKey().replace("|", "\\|") + "`", e.getValue().toString()))
                            .toList());
        } catch (Exception e) {
            report.text("JFR profile " + slug + " failed: " + e);
        }
    }

    private static String cell(Map.Entry<String, Integer> e, int samples) {
        return "`" + e.getKey().replace("|", "\\|") + "` " + Math.round(100.0 * e.getValue() / samples) + "%";
    }

    // ---- the machine ----------------------------------------------------------------------------------------

    private void machine(String loadBefore, double minutes) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\D", "")).map(k -> Long.parseLong(k) / 1024 / 1024 + " GiB")
                .orElse("?");
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        int cpus = Runtime.getRuntime().availableProcessors();
        report.table("Machine", List.of("nproc", "memory", "CPU", "load average before / after", "bench run"),
                List.of(List.of(Integer.toString(cpus), memory, cpu, loadBefore + " / " + loadAfter,
                        f(minutes) + " min")));
        report.json().add("machine", Json.createObjectBuilder().add("nproc", cpus).add("memory", memory)
                .add("cpu", cpu).add("loadavg_before", loadBefore).add("loadavg_after", loadAfter)
                .add("java", System.getProperty("java.version")).add("store", storeName)
                .add("bench_minutes", minutes));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static double seconds(Step step) throws Exception {
        long t = System.nanoTime();
        step.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static void expect(String wanted, String got, String what) {
        if (!wanted.equals(got)) {
            throw new AssertionError(what + ": expected " + wanted + ", got " + got);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(DB_URL, "clouddisk", "clouddisk");
    }

}
