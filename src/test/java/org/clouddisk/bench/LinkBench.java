package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.it.DriveClient;
import org.clouddisk.it.GeneratedContent;
import org.clouddisk.it.LargeTransfers;

import java.util.ArrayList;
import java.util.List;

import static org.clouddisk.bench.Report.f;

/**
 * Share link downloads (GET /api/v2/public/links/{id}/content, which checks the link and counts the download in a
 * transaction of its own) against the owner's own download of the same file (GET /api/v2/nodes/{id}/content with the
 * Bearer token), back to back, best of three rounds each.
 */
final class LinkBench {

    private static final long MIB = 1 << 20;
    private static final int ROUNDS = 3;
    private static final int SMALL_REPEAT = 50;

    private final Report report;
    private final String base;
    private final CloudDiskClient client;
    private final DriveClient drive;
    private final LargeTransfers transfers;
    private final long big;

    LinkBench(Report report, String base, CloudDiskClient client, LargeTransfers transfers, long big) {
        this.report = report;
        this.base = base;
        this.client = client;
        this.drive = new DriveClient(client);
        this.transfers = transfers;
        this.big = big;
    }

    void run() {
        User u = client.newUser("bench_links");
        var rows = new ArrayList<List<String>>();
        JsonArrayBuilder json = Json.createArrayBuilder();
        measure(u, "1 MiB x " + SMALL_REPEAT, 7001, MIB, SMALL_REPEAT, rows, json);
        measure(u, (big / MIB) + " MiB", 7002, big, 1, rows, json);
        report.table("Share link downloads vs. the owner's own download of the same file (v2 API, best of " + ROUNDS
                + ")", List.of("file", "owner MiB/s", "through a link MiB/s", "ratio"), rows);
        report.json().add("link_downloads", json);
    }

    private void measure(User u, String label, long seed, long size, int repeat, List<List<String>> rows,
                         JsonArrayBuilder json) {
        String md5 = GeneratedContent.md5(seed, size);
        String name = "link-" + seed + ".bin";
        if (!"008".equals(transfers.upload(u, name, seed, size, md5))) {
            throw new AssertionError("upload of " + name + " failed");
        }
        String node = drive.children(u, "root", "?limit=1000").getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class)
                .stream().filter(n -> n.getString("name").equals(name)).findFirst().orElseThrow().getString("id");
        String link = drive.expect(201, u, "POST", "/links", CloudDiskClient.json("node", node).toString()).getString("id");
        String owner = base + "/api/v2/nodes/" + node + "/content";
        String linked = base + "/api/v2/public/links/" + link + "/content";
        double ownerBest = Double.MAX_VALUE;
        double linkBest = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            ownerBest = Math.min(ownerBest, seconds(owner, size, md5, repeat, "Authorization", "Bearer " + u.token()));
            linkBest = Math.min(linkBest, seconds(linked, size, md5, repeat));
        }
        double ownerRate = size * repeat / (double) MIB / ownerBest;
        double linkRate = size * repeat / (double) MIB / linkBest;
        rows.add(List.of(label, f(ownerRate), f(linkRate), f(linkRate / ownerRate)));
        json.add(Json.createObjectBuilder().add("file", label).add("owner_mib_s", ownerRate)
                .add("link_mib_s", linkRate).add("ratio", linkRate / ownerRate));
    }

    private double seconds(String url, long size, String md5, int repeat, String... headers) {
        long start = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            LargeTransfers.Received r = transfers.download(url, null, headers);
            if (r.status() != 200 || r.bytes() != size || !r.md5().equals(md5)) {
                throw new AssertionError("download of " + url + " gave " + r);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
