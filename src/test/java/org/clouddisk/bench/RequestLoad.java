package org.clouddisk.bench;

import jakarta.json.Json;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.it.DriveClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.clouddisk.bench.Context.DURATION;
import static org.clouddisk.bench.Context.PAGE;
import static org.clouddisk.bench.Context.WARMUP;
import static org.clouddisk.bench.Context.expect;
import static org.clouddisk.bench.Report.f;
import static org.clouddisk.it.CloudDiskClient.json;

/**
 * Section "load": requests per second and latency under wrk at 1, 16 and 64 connections for the seed protocol's
 * hot paths, each as a fraction of the two ceilings measured first in the same run.
 */
final class RequestLoad {

    static final int[] CONNECTIONS = {1, 16, 64};
    static final int MAIN_LIST = 10_000;

    private final Context ctx;
    private final ListUsers listUsers;

    RequestLoad(Context ctx, ListUsers listUsers) {
        this.ctx = ctx;
        this.listUsers = listUsers;
    }

    void run() throws Exception {
        CloudDiskClient client = ctx.client;
        User owner = listUsers.withFiles(MAIN_LIST);
        for (int i = 1; i <= 100; i++) {
            expect("010", client.dealFile("share", owner, ListUsers.SEED_MD5, ListUsers.fileName(i)), "share");
        }
        String password = CloudDiskClient.md5("bench".getBytes(StandardCharsets.UTF_8));
        User login = client.register(CloudDiskClient.uniqueName("bench_login"), password);
        User md5User = client.newUser("bench_md5");
        String unknown = CloudDiskClient.md5("content nobody uploaded".getBytes(StandardCharsets.UTF_8));
        Endpoint thumbnail = cachedThumbnail(client.newUser("bench_thumb"));

        List<Endpoint> endpoints = List.of(Ceilings.JAXRS, Ceilings.STATIC,
                Endpoint.post("/md5 hit (005, new name each request)", "/md5", json("user", md5User.name(),
                        "token", md5User.token(), "md5", ListUsers.SEED_MD5, "fileName", "hit-{n}.txt"), "\"005\"",
                        true),
                Endpoint.post("/md5 already owned (004)", "/md5", json("user", owner.name(), "token",
                        owner.token(), "md5", ListUsers.SEED_MD5, "fileName", ListUsers.fileName(1)), "\"004\"",
                        true),
                Endpoint.post("/md5 miss (006)", "/md5", json("user", md5User.name(), "token", md5User.token(),
                        "md5", unknown, "fileName", "miss.txt"), "\"006\"", true),
                Endpoint.post("/myfiles?cmd=normal (" + MAIN_LIST + " files, first " + PAGE + ")",
                        "/myfiles?cmd=normal", json("user", owner.name(), "token", owner.token(), "start", 0,
                                "count", PAGE), "\"file\":[{", true),
                Endpoint.post("/sharefiles?cmd=pvdesc (100 shared, first " + PAGE + ")", "/sharefiles?cmd=pvdesc",
                        json("start", 0, "count", PAGE), "\"file\":[{", false),
                Endpoint.post("/dealfile?cmd=pv", "/dealfile?cmd=pv", json("user", owner.name(), "token",
                        owner.token(), "md5", ListUsers.SEED_MD5, "filename", "seed.txt"), "\"016\"", false),
                thumbnail,
                // Last: on a loaded machine the server keeps hashing the passwords of requests wrk gave up on,
                // which would starve the rows after it.
                Endpoint.post("/login", "/login", json("user", login.name(), "password", password), "\"000\"",
                        false));

        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        for (Endpoint e : endpoints) {
            ctx.wrk.run(e, 16, WARMUP);
            for (int c : CONNECTIONS) {
                Wrk.Result r = ctx.wrk.run(e, c, DURATION);
                if (e.equals(Ceilings.JAXRS) || e.equals(Ceilings.STATIC)) {
                    ctx.ceilings.record(e, r);
                }
                rows.add(row(ctx, r, json));
                if (e.targeted() && c == 64) {
                    ctx.requestTarget(e, r);
                }
            }
        }
        ctx.report.table("Requests per second under wrk (" + WARMUP + " s warm-up at 16 connections, then "
                        + DURATION + " s per row; ceilings: the same WildFly answering without the application's"
                        + " work)", HEADER, rows);
        ctx.report.json().add("load", json);
    }

    static final List<String> HEADER = List.of("endpoint", "connections", "req/s", "p50 ms", "p99 ms", "bad answers",
            "of JAX-RS ceiling", "of static ceiling");

    /** A table row of {@link #HEADER} for a result, with its fractions of the ceilings; adds its JSON. */
    static List<String> row(Context ctx, Wrk.Result r, jakarta.json.JsonArrayBuilder json) {
        double ofJaxrs = r.rps() / ctx.ceilings.jaxrs(r.connections());
        double staticRps = ctx.ceilings.staticsIfMeasured(r.connections()); // not yet on the JAX-RS ceiling's rows
        var result = Json.createObjectBuilder(Context.resultJson(r)).add("of_jaxrs_ceiling", ofJaxrs);
        if (!Double.isNaN(staticRps)) {
            result.add("of_static_ceiling", r.rps() / staticRps);
        }
        json.add(result);
        return List.of(r.endpoint(), Integer.toString(r.connections()), f(r.rps()), f(r.p50Ms()), f(r.p99Ms()),
                Long.toString(r.bad()), f(ofJaxrs), Double.isNaN(staticRps) ? "" : f(r.rps() / staticRps));
    }

    /**
     * GET /api/v2/nodes/{id}/thumbnail?size=256 of a 1600 × 1200 PNG, asked once before the runs so that wrk measures
     * the cached answer (issue 15: cached thumbnail requests per second); the token check and the node lookup stay.
     * Translucent, so that its thumbnail is a PNG too, whose "PNG" signature wrk looks for in each answer.
     */
    private Endpoint cachedThumbnail(User u) throws IOException {
        var image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int red = x * 255 / image.getWidth();
                int green = y * 255 / image.getHeight();
                image.setRGB(x, y, 0xC0 << 24 | red << 16 | green << 8 | 0x40);
            }
        }
        var png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String id = DriveClient.id(ctx.drive.uploadToRoot(u, "photo.png", png.toByteArray()));
        String path = "/api/v2/nodes/" + id + "/thumbnail?size=256";
        var first = ctx.client.send("GET", path, null, null, "Authorization", "Bearer " + u.token());
        expect("200 image/png", first.status() + " " + first.header("Content-Type"), "first thumbnail");
        return new Endpoint("GET /api/v2/nodes/{id}/thumbnail?size=256 (cached)", path, "", "PNG",
                List.of("Authorization: Bearer " + u.token()), false);
    }
}
