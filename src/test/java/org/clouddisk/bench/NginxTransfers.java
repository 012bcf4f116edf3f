package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.GeneratedContent;
import org.clouddisk.it.LargeTransfers;
import org.clouddisk.it.NginxFront;
import org.clouddisk.it.StandaloneServer;
import org.clouddisk.storage.FastDfsContentStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.clouddisk.bench.Context.BIG;
import static org.clouddisk.bench.Context.MIB;
import static org.clouddisk.bench.Context.OUT;
import static org.clouddisk.bench.Context.RATIO_GOAL;
import static org.clouddisk.bench.Context.SMALL_COUNT;
import static org.clouddisk.bench.Context.WARMUP;
import static org.clouddisk.bench.Context.expect;
import static org.clouddisk.bench.Context.seconds;
import static org.clouddisk.bench.Report.f;

/**
 * Section "nginx": the production topology. The server runs with CLOUDDISK_ACCEL_REDIRECT behind nginx
 * (nginx/clouddisk.conf with nginx/accel-fastdfs.conf, see {@link NginxFront}). Downloads: the server answers each
 * with X-Accel-Redirect and nginx sends the bytes, against nginx serving the same files straight from the storage's
 * disk (the download path gets a wrk warm-up, and each side one round of the 1 MiB files). Upload: the big file
 * through nginx to /upload against the same size written straight to the store and sent to the server alone.
 */
final class NginxTransfers {

    /** Seeds 8-10: not the transfers section's big file (7); content the server already holds is deduplicated. */
    private static final long UPLOAD_SEED = 8;

    private final Report report;
    private final Transfers.Files files;
    private final Path storageDir;
    private final FastDfsContentStore direct;

    NginxTransfers(Report report, Transfers.Files files, Path storageDir, FastDfsContentStore direct) {
        this.report = report;
        this.files = files;
        this.storageDir = storageDir;
        this.direct = direct;
    }

    /** @param accelerated the server, restarted with CLOUDDISK_ACCEL_REDIRECT */
    void run(StandaloneServer accelerated) throws Exception {
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();
        try (var nginx = NginxFront.withFastdfs(OUT.resolve("nginx"), List.of(accelerated.httpPort()), storageDir)) {
            var transfers = new LargeTransfers(nginx.baseUrl());
            // The restarted server's download path is cold: warm it up as the rest of the bench warms endpoints.
            new Wrk(nginx.baseUrl(), OUT.resolve("nginx")).run("warm-up", files.smallPaths()[0], "", "", 16, WARMUP);
            for (String front : List.of(nginx.storageUrl(), nginx.baseUrl())) {
                downloadSmallFiles(transfers, front);
            }
            String small = SMALL_COUNT + " x 1 MiB";
            double fromDisk = seconds(() -> downloadSmallFiles(transfers, nginx.storageUrl()));
            double viaServer = seconds(() -> downloadSmallFiles(transfers, nginx.baseUrl()));
            row(rows, json, small, SMALL_COUNT * MIB, fromDisk, viaServer);
            String big = BIG / MIB + " MiB";
            fromDisk = seconds(() -> Transfers.download(transfers, nginx.storageUrl() + files.bigPath(), BIG,
                    files.bigMd5()));
            viaServer = seconds(() -> Transfers.download(transfers, nginx.baseUrl() + files.bigPath(), BIG,
                    files.bigMd5()));
            row(rows, json, big, BIG, fromDisk, viaServer);
            upload(nginx, accelerated);
        }
        report.table("Downloads through nginx after the server said yes (X-Accel-Redirect) vs. nginx serving the"
                + " same files from disk", List.of("files", "nginx from disk MiB/s",
                "through nginx and the server MiB/s", "ratio"), rows);
        report.json().add("nginx_downloads", json);
    }

    /**
     * The big file uploaded through nginx (request body not buffered: nginx/clouddisk-locations.conf), and, for
     * what nginx adds, to the same server directly, one right after the other.
     */
    private void upload(NginxFront nginx, StandaloneServer server) throws Exception {
        CloudDiskClient.User u = new CloudDiskClient(nginx.baseUrl()).newUser("bench_nginx_up");
        double directSeconds = seconds(() -> direct.store(new GeneratedContent(UPLOAD_SEED, BIG), BIG, "bin"));
        double serverSeconds = timedUpload(server.baseUrl(), u, UPLOAD_SEED + 1);
        double nginxSeconds = timedUpload(nginx.baseUrl(), u, UPLOAD_SEED + 2);
        String big = BIG / MIB + " MiB";
        double directRate = BIG / MIB / directSeconds;
        double serverRate = BIG / MIB / serverSeconds;
        double nginxRate = BIG / MIB / nginxSeconds;
        double ratio = nginxRate / directRate;
        report.table("Upload through nginx vs. straight to the content store and to the server alone",
                List.of("file", "direct to store MiB/s", "to /upload, server alone MiB/s", "through nginx MiB/s",
                        "nginx / direct"),
                List.of(List.of(big, f(directRate), f(serverRate), f(nginxRate), f(ratio))));
        report.json().add("nginx_upload", Json.createObjectBuilder().add("bytes", BIG)
                .add("direct_mib_s", directRate).add("server_mib_s", serverRate).add("nginx_mib_s", nginxRate)
                .add("ratio", ratio));
        report.target("upload " + big + " through nginx", f(ratio * 100) + "% of direct", ">= 90%",
                ratio >= RATIO_GOAL);
    }

    /** Seconds for one /upload of the big size with content of {@code seed} (new to the server). */
    private static double timedUpload(String base, CloudDiskClient.User u, long seed) throws Exception {
        String md5 = GeneratedContent.md5(seed, BIG);
        return seconds(() -> expect("008", new LargeTransfers(base).upload(u, "big-" + seed + ".bin", seed, BIG,
                md5), "upload to " + base));
    }

    private void downloadSmallFiles(LargeTransfers transfers, String front) {
        for (int i = 0; i < SMALL_COUNT; i++) {
            Transfers.download(transfers, front + files.smallPaths()[i], MIB, files.smallMd5s()[i]);
        }
    }

    private void row(List<List<String>> rows, JsonArrayBuilder json, String what, long bytes,
                     double fromDiskSeconds, double acceleratedSeconds) {
        double fromDisk = bytes / MIB / fromDiskSeconds;
        double accelerated = bytes / MIB / acceleratedSeconds;
        double ratio = accelerated / fromDisk;
        rows.add(List.of(what, f(fromDisk), f(accelerated), f(ratio)));
        json.add(Json.createObjectBuilder().add("files", what).add("bytes", bytes).add("nginx_disk_mib_s", fromDisk)
                .add("accel_mib_s", accelerated).add("ratio", ratio));
        report.target("download " + what + " through nginx", f(ratio * 100) + "% of nginx from disk", ">= 90%",
                ratio >= RATIO_GOAL);
    }
}
