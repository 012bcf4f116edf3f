package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.clouddisk.bench.Context.DURATION;
import static org.clouddisk.bench.Context.PAGE;
import static org.clouddisk.bench.Context.WARMUP;
import static org.clouddisk.bench.Context.expect;
import static org.clouddisk.bench.Report.f;
import static org.clouddisk.it.CloudDiskClient.json;

/**
 * Section "scale" (issue 13, point 6): the seed protocol's paths at scale, each measured (wrk, 1 connection) on a
 * small database, then again (1 and 64 connections) after the database grew, with "flat" targets: the public share
 * list and ranking (/sharefiles?cmd=normal and cmd=pvdesc, first and last page) at about 100 and then 100,000
 * shares; /myfiles?cmd=normal (first and last page), cmd=count and the /md5 hit for a user with 1,000 files, alone
 * and then among 1,000 users with 1,000 files each. Everything is filled through SQL ({@link Fill}); the Redis
 * ranking is rebuilt by the server from the database on the first read after the share list grew.
 */
final class SeedScale {

    static final int SHARES = 100_000;
    static final int SMALL_SHARES = 100;
    static final int USERS = 1_000;
    static final int FILES_EACH = 1_000;

    private final Context ctx;
    private final Fill fill;

    SeedScale(Context ctx) {
        this.ctx = ctx;
        this.fill = new Fill(ctx.client);
    }

    void run() throws Exception {
        CloudDiskClient client = ctx.client;
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        var flat = new ArrayList<List<String>>();

        byte[] shared = "CloudDisk benchmark shared content\n".getBytes(StandardCharsets.UTF_8);
        User sharer = client.newUser("bench_sharer");
        String sharedMd5 = fill.upload(sharer, List.of(shared)).get(0);
        fill.rootFiles(sharer, sharedMd5, "shared-", 1, SMALL_SHARES, true);
        int smallShares = client.shareCount();
        Map<String, Double> before = measure(shareReads(smallShares), smallShares + " shares", 1, rows, json);
        fill.rootFiles(sharer, sharedMd5, "shared-", SMALL_SHARES + 1, SHARES - SMALL_SHARES, true);
        int manyShares = client.shareCount();
        // The server's first ranking read sees the list grew behind its back and rebuilds the Redis ranking from
        // the database (RedisShareRanking); timed on its own, so that the rows below measure reads.
        double rebuild = Context.seconds(() -> client.post("/sharefiles?cmd=pvdesc", json("start", 0, "count", PAGE)));
        ctx.report.text("\nFirst /sharefiles?cmd=pvdesc after the list grew to " + manyShares + " shares (rebuilds the"
                + " Redis ranking from the database): " + f(rebuild * 1000) + " ms");
        ctx.report.json().add("ranking_rebuild_ms", rebuild * 1000);
        ctx.jvm.settle(Context.SETTLE_SECONDS);
        Map<String, Double> after = measure(shareReads(manyShares), manyShares + " shares", 1, rows, json);
        flat(before, after, smallShares + " shares", manyShares + " shares", flat);

        User one = client.newUser("bench_many");
        expect("008", client.uploadLegacy(one, "seed.txt", ListUsers.SEED), "seed upload");
        fill.rootFiles(one, ListUsers.SEED_MD5, "file-", 1, FILES_EACH - 1, false);
        expect(Integer.toString(FILES_EACH), Integer.toString(client.myCount(one)), "myfiles?cmd=count");
        String alone = "1 user of " + FILES_EACH + " files";
        before = measure(userReads(one), alone, 1, rows, json);
        double filled = Context.seconds(() -> fill.users("bench_crowd_", USERS - 1, FILES_EACH, ListUsers.SEED_MD5));
        ctx.report.text("\nFilling " + (USERS - 1) + " users of " + FILES_EACH + " files by SQL (rows, counts and"
                + " the names' grams, one transaction): " + f(filled) + " s");
        ctx.report.json().add("crowd_fill_s", filled);
        ctx.jvm.settle(Context.SETTLE_SECONDS);
        String crowd = USERS + " users of " + FILES_EACH + " files";
        after = measure(userReads(one), crowd, 1, rows, json);
        flat(before, after, alone, crowd, flat);
        ctx.report.table("The seed protocol's paths at scale (pages of " + PAGE + ", 1 connection, " + DURATION
                + " s each)", List.of("database", "request", "p50 ms", "p99 ms", "req/s", "bad answers"), rows);
        ctx.report.table("p50 ms of the seed protocol's paths as the database grows (target: flat, at most twice)",
                List.of("request", "small", "p50 ms", "grown", "p50 ms", "flat"), flat);
        ctx.report.json().add("seed_scale", json);

        ctx.ceilings.jaxrs(64);
        ctx.ceilings.statics(64);
        var load = new ArrayList<List<String>>();
        var loadJson = Json.createArrayBuilder();
        var endpoints = new ArrayList<>(shareReads(manyShares).values());
        endpoints.addAll(userReads(one).values());
        for (Endpoint e : endpoints) {
            ctx.wrk.run(e, 16, WARMUP);
            Wrk.Result r = ctx.wrk.run(e, 64, DURATION);
            ctx.jvm.settle(Context.SETTLE_SECONDS);
            load.add(RequestLoad.row(ctx, r, loadJson));
            ctx.requestTarget(e, r);
        }
        ctx.report.table("The seed protocol's paths at 64 connections, " + manyShares + " shares and " + crowd + " ("
                + WARMUP + " s warm-up at 16 connections, then " + DURATION + " s)", RequestLoad.HEADER, load);
        ctx.report.json().add("seed_scale_load", loadJson);
    }

    private Map<String, Endpoint> shareReads(int shares) {
        var reads = new LinkedHashMap<String, Endpoint>();
        for (String cmd : List.of("normal", "pvdesc")) {
            for (int start : new int[]{0, Math.max(0, shares - PAGE)}) {
                String page = start == 0 ? "first" : "last";
                reads.put("/sharefiles?cmd=" + cmd + ", " + page + " page", Endpoint.post("/sharefiles?cmd=" + cmd
                                + ", " + page + " page (start " + start + " of " + shares + ")", "/sharefiles?cmd=" + cmd,
                        json("start", start, "count", PAGE), "\"file\":[{", false));
            }
        }
        return reads;
    }

    /** The user's reads; the /md5 hit last, since it adds a file per request. */
    private Map<String, Endpoint> userReads(User u) {
        int files = ctx.client.myCount(u);
        var reads = new LinkedHashMap<String, Endpoint>();
        for (int start : new int[]{0, files - PAGE}) {
            String page = start == 0 ? "first" : "last";
            reads.put("/myfiles?cmd=normal, " + page + " page", Endpoint.post("/myfiles?cmd=normal, " + page
                            + " page (start " + start + " of " + files + ")", "/myfiles?cmd=normal", json("user", u.name(),
                            "token", u.token(), "start", start, "count", PAGE), "\"file\":[{", true));
        }
        reads.put("/myfiles?cmd=count", Endpoint.post("/myfiles?cmd=count", "/myfiles?cmd=count",
                json("user", u.name(), "token", u.token()), "\"num\"", true));
        reads.put("/md5 hit", Endpoint.post("/md5 hit (005, new name each request)", "/md5", json("user", u.name(),
                "token", u.token(), "md5", ListUsers.SEED_MD5, "fileName", "hit-{n}.txt"), "\"005\"", true));
        return reads;
    }

    /** Each endpoint at this many connections after a short warm-up; answers label -> p50. */
    private Map<String, Double> measure(Map<String, Endpoint> reads, String database, int connections,
                                        List<List<String>> rows, JsonArrayBuilder json) throws Exception {
        var p50 = new LinkedHashMap<String, Double>();
        for (var read : reads.entrySet()) {
            Endpoint e = read.getValue();
            ctx.wrk.run(e, connections, Math.min(WARMUP, 3));
            Wrk.Result r = ctx.wrk.run(e, connections, DURATION);
            p50.put(read.getKey(), r.p50Ms());
            rows.add(List.of(database, e.name(), f(r.p50Ms()), f(r.p99Ms()), f(r.rps()), Long.toString(r.bad())));
            json.add(Json.createObjectBuilder(Context.resultJson(r)).add("database", database));
        }
        return p50;
    }

    private void flat(Map<String, Double> before, Map<String, Double> after, String small, String grown,
                      List<List<String>> flat) {
        for (var read : after.entrySet()) {
            double base = before.get(read.getKey().replace("last page", "first page"));
            boolean met = ctx.report.target(read.getKey() + " flat from " + small + " to " + grown, "p50 "
                    + f(read.getValue()) + " ms vs " + f(base) + " ms (first page)", "<= 2x", read.getValue() <= 2 * base);
            flat.add(List.of(read.getKey(), small, f(before.get(read.getKey())), grown, f(read.getValue()),
                    met ? "met" : "missed"));
        }
    }
}
