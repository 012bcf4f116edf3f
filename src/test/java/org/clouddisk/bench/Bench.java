package org.clouddisk.bench;

import jakarta.json.Json;
import org.clouddisk.it.LargeTransfers;
import org.clouddisk.it.NginxFront;
import org.clouddisk.it.RedisServer;
import org.clouddisk.it.StandaloneServer;
import org.clouddisk.it.TestEnvironment;
import org.clouddisk.storage.FastDfsContentStore;
import org.clouddisk.storage.fdfs.FastDfsTestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.clouddisk.bench.Context.DB;
import static org.clouddisk.bench.Context.DB_URL;
import static org.clouddisk.bench.Context.OFFSET;
import static org.clouddisk.bench.Context.OUT;
import static org.clouddisk.bench.Report.f;

/**
 * CloudDisk's benchmark (mvn -Pbench verify; the README's "Performance" section): the packaged WAR on a WildFly of
 * its own (-Xmx512m, MariaDB, a redis-server of its own, FastDFS), measured by sections, one class each; this class
 * starts the services and runs the sections chosen by -Dbench.only (a comma-separated list; all when unset):
 * {@link Transfers transfers}, {@link RequestLoad load}, {@link Listing listing}, {@link DriveScale drive},
 * {@link SeedScale scale}, then the {@link Profiles JFR profiles} of the targets missed, then
 * {@link NginxTransfers nginx} (which restarts the server behind nginx, and needs the files of "transfers").
 */
public final class Bench {

    static final List<String> SECTIONS = List.of("transfers", "links", "tus", "load", "listing", "drive", "scale",
            "nginx");

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Set<String> only = sections(System.getProperty("bench.only", ""));
        StandaloneServer.deleteTree(OUT);
        Files.createDirectories(OUT);
        String external = System.getenv("CLOUDDISK_FASTDFS_TRACKERS");
        FastDfsTestServer fastdfs = external == null || external.isBlank()
                ? FastDfsTestServer.start(0, 0, OUT.resolve("fastdfs")) : null;
        String trackers = fastdfs != null ? fastdfs.trackers() : external.trim();
        var redis = new RedisServer(Integer.getInteger("bench.redis.port", 6390), OUT.resolve("redis.log"));
        TestEnvironment.recreateDatabase(DB);
        List<String> properties = List.of("-Dclouddisk.db.driver=mariadb",
                "-Dclouddisk.db.url=" + DB_URL + dbParams(), "-Dclouddisk.db.user=clouddisk",
                "-Dclouddisk.db.password=clouddisk",
                "-Dclouddisk.redis.url=redis://127.0.0.1:" + redis.port(), "-Dclouddisk.storage=fastdfs",
                "-Dclouddisk.fastdfs.trackers=" + trackers, "-Dclouddisk.data.dir=" + OUT.resolve("data"),
                "-Dclouddisk.public.url=http://127.0.0.1:" + (8080 + OFFSET), "-Dclouddisk.node.id=bench");
        StandaloneServer server = new StandaloneServer(OUT.resolve("server"), OFFSET, properties);
        try {
            redis.start();
            server.start();
            String storeName = fastdfs != null ? "FastDfsTestServer in the bench JVM" : "FastDFS " + trackers;
            var ctx = new Context(server.baseUrl(), new JvmProbe(server.jvm()));
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            ctx.report.text("Sections: " + String.join(", ", only));
            var listUsers = new ListUsers(ctx.client);
            Transfers.Files files = null;
            if (only.contains("transfers")) {
                files = new Transfers(ctx, new FastDfsContentStore(trackers, 10_000, 120_000), storeName).run();
            }
            if (only.contains("links")) {
                new LinkBench(ctx.report, ctx.base, ctx.client, new LargeTransfers(ctx.base), Context.BIG).run();
            }
            if (only.contains("tus")) {
                new TusBench(ctx, new LargeTransfers(ctx.base), new FastDfsContentStore(trackers, 10_000, 120_000))
                        .run(Context.BIG);
            }
            if (only.contains("load")) {
                new RequestLoad(ctx, listUsers).run();
            }
            if (only.contains("listing")) {
                new Listing(ctx, listUsers).run();
            }
            if (only.contains("drive")) {
                new DriveScale(ctx).run();
            }
            if (only.contains("scale")) {
                new SeedScale(ctx).run();
            }
            ctx.profiles.runAll();
            if (only.contains("nginx")) {
                if (fastdfs == null) {
                    ctx.report.text("Downloads through nginx: skipped, the storage servers' HTTP server is not known"
                            + " here.");
                } else {
                    server.stop();
                    var accelerated = new ArrayList<>(properties);
                    accelerated.add("-Dclouddisk.accel.redirect=" + NginxFront.ACCEL_PREFIX);
                    server = new StandaloneServer(OUT.resolve("server-accel"), OFFSET, accelerated);
                    server.start();
                    new NginxTransfers(ctx.report, files, fastdfs.dir(),
                            new FastDfsContentStore(trackers, 10_000, 120_000)).run(server);
                }
            }
            invariants(ctx.report);
            ctx.report.targetsTable();
            machine(ctx.report, storeName, loadBefore, (System.nanoTime() - started) / 60e9);
            ctx.report.write(OUT);
            System.out.println("\nbench: results in " + OUT.resolve("results.json") + " and results.md");
        } finally {
            server.stop();
            redis.stop();
            if (fastdfs != null) {
                fastdfs.stop();
                StandaloneServer.deleteTree(OUT.resolve("fastdfs"));
            }
        }
    }

    /**
     * -Dbench.db.params: what the server's database URL gets appended (e.g. {@code ?useServerPrepStmts=true}), to
     * measure a driver option before recommending it; none when unset.
     */
    private static String dbParams() {
        String params = System.getProperty("bench.db.params", "");
        return params.startsWith("${") ? "" : params; // the pom's empty default
    }

    /** The sections named by -Dbench.only (all when empty), in run order; nginx brings transfers (its files). */
    static Set<String> sections(String only) {
        if (only.isBlank() || only.startsWith("${")) { // unset, or the pom's empty default
            return new LinkedHashSet<>(SECTIONS);
        }
        var named = new LinkedHashSet<String>();
        for (String s : only.toLowerCase(Locale.ROOT).split(",")) {
            if (!s.isBlank()) {
                named.add(s.trim());
            }
        }
        var unknown = new ArrayList<>(named);
        unknown.removeAll(SECTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("-Dbench.only: unknown section(s) " + unknown + "; the sections are "
                    + SECTIONS);
        }
        if (named.contains("nginx")) {
            named.add("transfers");
        }
        var ordered = new LinkedHashSet<String>();
        SECTIONS.stream().filter(named::contains).forEach(ordered::add);
        return ordered;
    }

    /** The tests' database invariants (Invariants.checkDatabase), after everything the sections filled and did. */
    private static void invariants(Report report) throws java.sql.SQLException {
        List<String> violations;
        try (var c = Context.database()) {
            violations = org.clouddisk.it.Invariants.checkDatabase(c);
        }
        report.target("the tests' database invariants hold after the run", violations.isEmpty() ? "no violation"
                : violations.size() + " violations, first: " + violations.get(0), "none", violations.isEmpty());
    }

    private static void machine(Report report, String storeName, String loadBefore, double minutes)
            throws IOException {
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

    private Bench() {
    }
}
