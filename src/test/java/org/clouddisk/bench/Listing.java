package org.clouddisk.bench;

import jakarta.json.Json;
import org.clouddisk.it.CloudDiskClient.User;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.clouddisk.bench.Context.DURATION;
import static org.clouddisk.bench.Context.PAGE;
import static org.clouddisk.bench.Context.WARMUP;
import static org.clouddisk.bench.Context.database;
import static org.clouddisk.bench.Report.f;
import static org.clouddisk.it.CloudDiskClient.json;

/**
 * Section "listing": /myfiles?cmd=normal and cmd=pvdesc latency (1 connection) against the length of the user's
 * list, first and last page, with a "flat" target; EXPLAIN and JDBC timings of the list query at the longest list.
 */
final class Listing {

    static final int[] LIST_SIZES = {100, 10_000, 100_000};
    /** The list by upload time, and by downloads, most first: its order mixes directions. */
    private static final List<String> COMMANDS = List.of("normal", "pvdesc");
    /** The desktop client lists the user's root folder. */
    private static final String ROOT = "SELECT id FROM user_folder WHERE user = ? AND parent_id = 0";

    private final Context ctx;
    private final ListUsers listUsers;

    Listing(Context ctx, ListUsers listUsers) {
        this.ctx = ctx;
        this.listUsers = listUsers;
    }

    void run() throws Exception {
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        Map<String, Double> p50 = new HashMap<>();
        for (int n : LIST_SIZES) {
            User u = listUsers.withFiles(n);
            for (String cmd : COMMANDS) {
                String path = "/myfiles?cmd=" + cmd;
                for (int start : new int[]{0, n - PAGE}) {
                    String page = start == 0 ? "first" : "last";
                    String body = json("user", u.name(), "token", u.token(), "start", start, "count", PAGE).toString();
                    if (start == 0) {
                        ctx.wrk.run("warm-up", path, body, "\"file\":[{", 1, Math.min(WARMUP, 3));
                    }
                    Wrk.Result r = ctx.wrk.run(path + " " + n + " files, " + page + " page", path, body,
                            "\"file\":[{", 1, DURATION);
                    p50.put(cmd + page + n, r.p50Ms());
                    rows.add(List.of(Integer.toString(n), cmd, page + " (start " + start + ")", f(r.p50Ms()),
                            f(r.p99Ms()), f(r.rps()), Long.toString(r.bad())));
                    json.add(Json.createObjectBuilder(Context.resultJson(r)).add("files", n).add("cmd", cmd)
                            .add("start", start));
                }
            }
        }
        ctx.report.table("/myfiles against the length of the user's list (pages of " + PAGE + ", 1 connection, "
                + DURATION + " s each)", List.of("files", "cmd", "page", "p50 ms", "p99 ms", "req/s", "bad answers"),
                rows);
        ctx.report.json().add("listing", json);
        int most = LIST_SIZES[LIST_SIZES.length - 1];
        int least = LIST_SIZES[0];
        for (String cmd : COMMANDS) {
            for (String page : List.of("first", "last")) {
                flatTarget(ctx.report, "/myfiles?cmd=" + cmd + " " + page + " page", p50.get(cmd + page + most),
                        most + " files", p50.get(cmd + "first" + least), least);
            }
        }
        User u = listUsers.withFiles(most);
        String columns = "u.id, u.create_time, u.file_name, u.md5, u.pv, u.shared_status, u.user,"
                + " f.id, f.count, f.file_id, f.md5, f.size, f.type, f.url";
        var queries = new LinkedHashMap<String, String>();
        queries.put("plain join (the seed's)", "SELECT " + columns + " FROM user_file_list u JOIN file_info f ON f.md5 = u.md5"
                + " WHERE u.folder_id = (" + ROOT + ") ORDER BY u.create_time, u.id LIMIT ?, ?");
        queries.put("deferred join", "SELECT " + columns + " FROM (SELECT id FROM user_file_list WHERE folder_id = (" + ROOT + ")"
                + " ORDER BY create_time, id LIMIT ?, ?) page JOIN user_file_list u ON u.id = page.id"
                + " JOIN file_info f ON f.md5 = u.md5 ORDER BY u.create_time, u.id");
        // The server reads a page past the middle from the list's other end: offset 0 here is the last page.
        queries.put("deferred join from the other end", "SELECT " + columns + " FROM (SELECT id FROM user_file_list"
                + " WHERE folder_id = (" + ROOT + ") ORDER BY create_time DESC, id DESC LIMIT ?, ?) page"
                + " JOIN user_file_list u ON u.id = page.id JOIN file_info f ON f.md5 = u.md5"
                + " ORDER BY u.create_time, u.id");
        queryPlans(ctx.report, "list_query_ms", "The list query straight over JDBC (" + most + " files, median of 7)",
                most + " files", queries, List.of(new Object[]{u.name(), 0, PAGE},
                        new Object[]{u.name(), most - PAGE, PAGE}));
    }

    /**
     * The target "flat in size" of issue 13: the p50 at the largest size at most twice the first page's p50 at the
     * smallest.
     */
    static boolean flatTarget(Report report, String what, double grown, String at, double flat, long least) {
        return report.target(what + " flat from " + least + " to " + at, "p50 " + f(grown) + " ms at " + at + " vs "
                + f(flat) + " ms (first page) at " + least, "<= 2x", grown <= 2 * flat);
    }

    /**
     * EXPLAIN of each query with each set of parameters (the last two are a page's offset and size), and the median
     * of 7 executions straight over JDBC.
     */
    static void queryPlans(Report report, String jsonKey, String title, String scale, Map<String, String> queries,
                           List<Object[]> parameterSets) throws SQLException {
        var timings = new ArrayList<List<String>>();
        var json = Json.createObjectBuilder();
        try (Connection c = database()) {
            for (var query : queries.entrySet()) {
                for (Object[] params : parameterSets) {
                    String label = query.getKey() + ", " + describe(params);
                    var plan = new ArrayList<List<String>>();
                    try (var s = c.prepareStatement("EXPLAIN " + query.getValue())) {
                        bind(s, params);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                plan.add(List.of(rs.getString("id"), rs.getString("select_type"),
                                        rs.getString("table"), rs.getString("type"), String.valueOf(rs.getString("key")),
                                        String.valueOf(rs.getString("ref")), rs.getString("rows"),
                                        String.valueOf(rs.getString("Extra"))));
                            }
                        }
                    }
                    report.table("EXPLAIN (" + label + ", " + scale + "): " + query.getValue().replace("?", "…"),
                            List.of("id", "select_type", "table", "type", "key", "ref", "rows", "Extra"), plan);
                    double[] ms = new double[7];
                    try (var s = c.prepareStatement(query.getValue())) {
                        bind(s, params);
                        for (int i = 0; i < ms.length; i++) {
                            long t = System.nanoTime();
                            try (ResultSet rs = s.executeQuery()) {
                                while (rs.next()) {
                                    rs.getString(1);
                                }
                            }
                            ms[i] = (System.nanoTime() - t) / 1e6;
                        }
                    }
                    double median = Context.p50p99(ms)[0];
                    timings.add(List.of(query.getKey(), describe(params), f(median)));
                    json.add(label, median);
                }
            }
        }
        report.table(title, List.of("query", "parameters", "ms"), timings);
        report.json().add(jsonKey, json);
    }

    private static String describe(Object[] params) {
        var parts = new ArrayList<String>();
        for (int i = 1; i < params.length; i++) { // the first is the user
            parts.add(String.valueOf(params[i]));
        }
        return String.join(", ", parts);
    }

    private static void bind(PreparedStatement s, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }
}
