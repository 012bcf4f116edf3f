package org.clouddisk.bench;

import jakarta.json.Json;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.it.DriveClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.clouddisk.bench.Context.DURATION;
import static org.clouddisk.bench.Context.PAGE;
import static org.clouddisk.bench.Context.WARMUP;
import static org.clouddisk.bench.Report.f;

/**
 * Section "drive" (issue 12): the v2 API's reads against the size of a user's drive (100, 10,000 and 100,000
 * nodes in a tree of folders of up to 1,000 entries, filled through SQL by {@link Fill#tree}): a folder's children,
 * first and last page by name and by size, search for a rare and a common substring, first and last page, and
 * /api/v2/me, with wrk at 1 connection at every size (latency, "flat" targets) and at 64 connections at the largest
 * (throughput, against the ceilings); EXPLAIN of the children and search queries at the largest; and moving and
 * renaming a folder that holds about 10,000 nodes against an empty folder, over repeated moves back and forth.
 */
final class DriveScale {

    static final int[] SIZES = {100, 10_000, 100_000};
    static final String RARE = "invoice";
    static final String COMMON = "txt";
    private static final int MOVES = Integer.getInteger("bench.moves", 40);

    private final Context ctx;
    private final Fill fill;

    DriveScale(Context ctx) {
        this.ctx = ctx;
        this.fill = new Fill(ctx.client);
    }

    /** The reads measured at each size: label -> endpoint. */
    private Map<String, Endpoint> reads(Fill.Tree t) {
        User u = t.user();
        DriveClient drive = ctx.drive;
        String folder = "/nodes/d" + t.lastFolder() + "/children?limit=" + PAGE;
        int lastChild = Math.max(0, t.lastFolderSize() - PAGE);
        var reads = new LinkedHashMap<String, Endpoint>();
        for (String sort : List.of("name", "size")) {
            for (String page : List.of("first", "last")) {
                int offset = page.equals("first") ? 0 : lastChild;
                reads.put("children sort=" + sort + ", " + page + " page", Endpoint.v2("GET children sort=" + sort
                                + ", " + page + " page (offset " + offset + " of " + t.lastFolderSize() + ")",
                        folder + "&sort=" + sort + "&offset=" + offset, u, "\"items\":[{"));
            }
        }
        for (String q : List.of(RARE, COMMON)) {
            int total = drive.expect(200, u, "GET", "/search?q=" + q + "&limit=1", null).getInt("total");
            for (String page : List.of("first", "last")) {
                int offset = page.equals("first") ? 0 : Math.max(0, total - PAGE);
                reads.put("search " + (q.equals(RARE) ? "rare" : "common") + ", " + page + " page",
                        Endpoint.v2("GET search?q=" + q + ", " + page + " page (offset " + offset + " of " + total
                                + " hits)", "/search?q=" + q + "&limit=" + PAGE + "&offset=" + offset, u, "\"items\":[{"));
            }
        }
        reads.put("me", Endpoint.v2("GET /api/v2/me", "/me", u, "\"quota\""));
        return reads;
    }

    void run() throws Exception {
        var trees = new HashMap<Integer, Fill.Tree>();
        List<byte[]> seeds = Fill.seeds("drive bench seed", 8);
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        Map<String, Map<Integer, Double>> p50 = new LinkedHashMap<>();
        for (int n : SIZES) {
            User u = ctx.client.newUser("bench_drive" + n);
            Fill.Tree t = fill.tree(u, n, fill.upload(u, seeds));
            trees.put(n, t);
            var reads = reads(t);
            for (var read : reads.entrySet()) {
                Endpoint e = read.getValue();
                ctx.wrk.run(e, 1, Math.min(WARMUP, 3));
                Wrk.Result r = ctx.wrk.run(e, 1, DURATION);
                p50.computeIfAbsent(read.getKey(), k -> new HashMap<>()).put(n, r.p50Ms());
                rows.add(List.of(Long.toString(t.nodes()), e.name(), f(r.p50Ms()), f(r.p99Ms()), f(r.rps()),
                        Long.toString(r.bad())));
                json.add(Json.createObjectBuilder(Context.resultJson(r)).add("nodes", t.nodes()).add("read",
                        read.getKey()));
            }
        }
        ctx.report.table("The v2 API's reads against the size of the user's drive (folders of up to 1,000 entries;"
                        + " pages of " + PAGE + ", 1 connection, " + DURATION + " s each)",
                List.of("nodes", "request", "p50 ms", "p99 ms", "req/s", "bad answers"), rows);
        ctx.report.json().add("drive_scale", json);
        int most = SIZES[SIZES.length - 1];
        int least = SIZES[0];
        var flat = new ArrayList<List<String>>();
        for (var read : p50.entrySet()) {
            String first = read.getKey().replace("last page", "first page");
            double base = p50.get(first).get(least);
            double grown = read.getValue().get(most);
            boolean met = Listing.flatTarget(ctx.report, read.getKey(), grown, trees.get(most).nodes() + " nodes",
                    base, trees.get(least).nodes());
            flat.add(List.of(read.getKey(), f(read.getValue().get(least)), f(read.getValue().get(SIZES[1])),
                    f(grown), met ? "met" : "missed"));
        }
        ctx.report.table("p50 ms against the drive's size (target: flat, at most twice the first page's p50 at "
                        + trees.get(least).nodes() + " nodes)",
                List.of("request", trees.get(least).nodes() + " nodes", trees.get(SIZES[1]).nodes() + " nodes",
                        trees.get(most).nodes() + " nodes", "flat"), flat);

        Fill.Tree largest = trees.get(most);
        throughput(largest);
        queryPlans(largest);
        moves(largest);
    }

    /** The reads at 64 connections at the largest size, as fractions of the ceilings, with the request target. */
    private void throughput(Fill.Tree t) throws Exception {
        ctx.ceilings.jaxrs(64);
        ctx.ceilings.statics(64);
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        for (Endpoint e : reads(t).values()) {
            ctx.wrk.run(e, 16, WARMUP);
            Wrk.Result r = ctx.wrk.run(e, 64, DURATION);
            ctx.jvm.settle(Context.SETTLE_SECONDS);
            rows.add(RequestLoad.row(ctx, r, json));
            ctx.requestTarget(e, r);
        }
        ctx.report.table("The v2 API's reads at 64 connections, " + t.nodes() + " nodes (" + WARMUP
                + " s warm-up at 16 connections, then " + DURATION + " s)", RequestLoad.HEADER, rows);
        ctx.report.json().add("drive_load", json);
    }

    /** EXPLAIN and JDBC timings of the SQL the server issues for children and search (as Hibernate writes it). */
    private void queryPlans(Fill.Tree t) throws Exception {
        // the file's own columns: it carries its content's size (V10), so no join
        String files = "SELECT u.id, u.file_name, u.create_time, u.modify_time, u.size, u.md5, u.pv, u.shared_status"
                + " FROM user_file_list u WHERE u.folder_id = ? ORDER BY ";
        var queries = new LinkedHashMap<String, String>();
        queries.put("children, files by name", files + "u.file_name, u.md5 LIMIT ?, ?");
        queries.put("children, files by size", files + "u.size, u.create_time, u.id LIMIT ?, ?");
        // A page past the folder's middle is read from the other end: with offset 0 these are the last pages.
        queries.put("children, files by name, from the other end", files + "u.file_name DESC, u.md5 DESC LIMIT ?, ?");
        queries.put("children, files by size, from the other end",
                files + "u.size DESC, u.create_time DESC, u.id DESC LIMIT ?, ?");
        Listing.queryPlans(ctx.report, "children_query_ms", "The children queries straight over JDBC (a folder of "
                        + t.lastFolderSize() + " files, " + t.nodes() + " nodes, median of 7)", t.nodes() + " nodes",
                queries, List.of(new Object[]{t.lastFolder(), 0, PAGE},
                        new Object[]{t.lastFolder(), Math.max(0, t.lastFolderSize() - PAGE), PAGE}));
        var search = new LinkedHashMap<String, String>();
        search.put("search, scanning the user's names (common grams, short queries)", "SELECT u.id, u.folder_id"
                + " FROM user_file_list u WHERE u.user = ? AND LOWER(u.file_name) LIKE ? ESCAPE '!'"
                + " ORDER BY u.file_name, u.folder_id, u.id");
        Listing.queryPlans(ctx.report, "search_query_ms", "The search queries straight over JDBC (" + t.nodes()
                        + " nodes, median of 7)", t.nodes() + " nodes", search,
                List.of(new Object[]{t.user().name(), "%" + RARE + "%"}, new Object[]{t.user().name(),
                        "%" + COMMON + "%"}));
        var postings = new LinkedHashMap<String, String>();
        // a rare gram's page comes with its values and the hits' count (the rows are read for the name test anyway)
        postings.put("search, the postings of the query's rarest gram", "SELECT u.id, u.file_name, u.create_time,"
                + " u.modify_time, u.size, u.md5, u.pv, u.shared_status, u.folder_id, COUNT(*) OVER () FROM name_gram g"
                + " JOIN user_file_list u ON u.id = g.file_id WHERE g.user = ? AND g.gram = ? AND u.user = ?"
                + " AND LOWER(u.file_name) LIKE ? ESCAPE '!' ORDER BY u.file_name, u.folder_id, u.id");
        Listing.queryPlans(ctx.report, "search_postings_query_ms", "The search query over the name index, straight"
                        + " over JDBC (" + t.nodes() + " nodes, median of 7)", t.nodes() + " nodes", postings,
                List.of(new Object[]{t.user().name(), RARE.substring(0, 3), t.user().name(), "%" + RARE + "%"},
                        new Object[]{t.user().name(), COMMON, t.user().name(), "%" + COMMON + "%"}));
    }

    /**
     * Moving (PATCH parent, into a folder and back) and renaming (and back) the first area, which holds about
     * 10,000 nodes, against an empty folder; each operation timed on its own, MOVES of each.
     */
    private void moves(Fill.Tree t) {
        User u = t.user();
        DriveClient drive = ctx.drive;
        String target = DriveClient.id(drive.createFolder(u, "root", "move-target"));
        String empty = DriveClient.id(drive.createFolder(u, "root", "empty"));
        String full = "d" + t.firstArea();
        String fullName = drive.node(u, full).getString("name");
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        Map<String, Double> p50 = new HashMap<>();
        for (String folder : List.of(empty, full)) {
            String what = folder.equals(full) ? "a folder holding " + t.firstAreaNodes() + " nodes" : "an empty folder";
            String name = folder.equals(full) ? fullName : "empty";
            timed(u, folder, "parent", target, "root", 4); // warm-up
            double[] move = timed(u, folder, "parent", target, "root", MOVES);
            double[] rename = timed(u, folder, "name", name + "-renamed", name, MOVES);
            for (var op : List.of(Map.entry("move (PATCH parent, into a folder and back)", move),
                    Map.entry("rename (PATCH name, and back)", rename))) {
                double[] p = Context.p50p99(op.getValue());
                p50.put(op.getKey() + folder.equals(full), p[0]);
                rows.add(List.of(op.getKey(), what, Integer.toString(op.getValue().length), f(p[0]), f(p[1])));
                json.add(Json.createObjectBuilder().add("operation", op.getKey()).add("folder", what)
                        .add("count", op.getValue().length).add("p50_ms", p[0]).add("p99_ms", p[1]));
            }
        }
        ctx.report.table("Moving and renaming a folder against what it holds (" + t.nodes()
                + " nodes in the drive, one request at a time)", List.of("operation", "folder", "operations",
                "p50 ms", "p99 ms"), rows);
        ctx.report.json().add("drive_moves", json);
        for (String op : List.of("move (PATCH parent, into a folder and back)", "rename (PATCH name, and back)")) {
            double grown = p50.get(op + true);
            double flat = p50.get(op + false);
            ctx.report.target(op.substring(0, op.indexOf(' ')) + " of a folder holding " + t.firstAreaNodes()
                            + " nodes costs what an empty folder's does", "p50 " + f(grown) + " ms vs " + f(flat)
                            + " ms", "<= 2x", grown <= 2 * flat);
        }
    }

    /** count PATCHes of one field of the folder, alternating between two values; each one's milliseconds. */
    private double[] timed(User u, String folder, String field, String there, String back, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Answer a = ctx.drive.patch(u, folder, field, i % 2 == 0 ? there : back);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (a.status() != 200) {
                throw new AssertionError("PATCH " + field + " of " + folder + " answered " + a.status() + " "
                        + a.text());
            }
        }
        if (count % 2 != 0) {
            ctx.drive.patch(u, folder, field, back);
        }
        return ms;
    }
}
