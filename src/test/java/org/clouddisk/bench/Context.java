package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.DriveClient;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What every section of the benchmark shares: the settings (system properties), the server's address and the
 * clients, the report, wrk, the ceilings and the profiles of missed targets.
 */
final class Context {

    static final long MIB = 1L << 20;
    static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
    static final int OFFSET = Integer.getInteger("bench.port.offset", 900);
    static final String DB = System.getProperty("bench.db.name", "clouddisk_it_bench");
    static final String DB_URL = "jdbc:mariadb://127.0.0.1:3306/" + DB;
    static final long BIG = Long.getLong("bench.big.bytes", 1L << 30);
    static final int SMALL_COUNT = Integer.getInteger("bench.small.count", 100);
    static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    static final int DURATION = Integer.getInteger("bench.duration", 10);
    /**
     * Seconds of 1 MiB uploads, then as many of downloads, before the transfers are timed: the server is started for
     * the run, and its JIT compilers took a third of a core through the first 30 s of transfers (20.7 ms per upload
     * after 3 s of warm-up, 12.2 ms after 30 s, 2026-12-01).
     */
    static final int TRANSFERS_WARMUP = Integer.getInteger("bench.transfers.warmup", 30);
    static final int JFR_SECONDS = 20;
    /** Longest wait for the server to go idle after a run at 64 connections (see JvmProbe.settle). */
    static final int SETTLE_SECONDS = 60;
    static final int PAGE = 50; // the web page's page size (js/app.js PAGE_SIZE)
    /** Issue 13: big files and downloads through nginx against the store (or nginx from disk). */
    static final double RATIO_GOAL = 0.9;
    /** Issue 13 point 2: 1 MiB files through WildFly alone against the store. */
    static final double SMALL_RATIO_GOAL = 0.5;
    /** Issue 13 point 2: three times the original C server's 54 uploads of 1 MiB per second, one client. */
    static final double SMALL_UPLOADS_PER_SECOND_GOAL = 160;
    static final double RPS_GOAL = 4000;
    static final double P99_GOAL_MS = 50;

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    final Report report = new Report();
    final String base;
    final CloudDiskClient client;
    final DriveClient drive;
    final JvmProbe jvm;
    final Wrk wrk;
    final Profiles profiles;
    final Ceilings ceilings;

    Context(String base, JvmProbe jvm) throws IOException {
        this.base = base;
        this.client = new CloudDiskClient(base);
        this.drive = new DriveClient(client);
        this.jvm = jvm;
        this.wrk = new Wrk(base, OUT);
        this.profiles = new Profiles(report, jvm);
        this.ceilings = new Ceilings(wrk);
    }

    /**
     * Records the request-path target of issue 13 for a run at 64 connections, and queues a JFR profile of the
     * endpoint under the same load when it is missed.
     */
    void requestTarget(Endpoint e, Wrk.Result r) {
        double ofJaxrs = r.rps() / ceilings.jaxrs(r.connections());
        boolean met = report.target(e.name() + " at " + r.connections() + " connections", f(r.rps()) + " req/s ("
                        + f(100 * ofJaxrs) + "% of the JAX-RS ceiling), p99 " + f(r.p99Ms()) + " ms, " + r.bad() + " bad",
                ">= " + f(RPS_GOAL) + " req/s, p99 < " + f(P99_GOAL_MS) + " ms",
                r.rps() >= RPS_GOAL && r.p99Ms() < P99_GOAL_MS && r.bad() == 0);
        if (!met) {
            profiles.add(e.slug(), e.name() + " under wrk -c " + r.connections(),
                    () -> wrk.run(e, r.connections(), JFR_SECONDS));
        }
    }

    /** A wrk result as JSON. */
    static JsonObject resultJson(Wrk.Result r) {
        return Json.createObjectBuilder().add("endpoint", r.endpoint()).add("connections", r.connections())
                .add("rps", r.rps()).add("p50_ms", r.p50Ms()).add("p90_ms", r.p90Ms()).add("p99_ms", r.p99Ms())
                .add("max_ms", r.maxMs()).add("requests", r.requests()).add("bad", r.bad()).build();
    }

    static String f(double value) {
        return Report.f(value);
    }

    static double seconds(Step step) throws Exception {
        long t = System.nanoTime();
        step.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** The median and the 99th percentile (nearest rank) of some durations. */
    static double[] p50p99(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[]{sorted[(sorted.length - 1) / 2],
                sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)]};
    }

    static void expect(String wanted, String got, String what) {
        if (!wanted.equals(got)) {
            throw new AssertionError(what + ": expected " + wanted + ", got " + got);
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(DB_URL, "clouddisk", "clouddisk");
    }
}
