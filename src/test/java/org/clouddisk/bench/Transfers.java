package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.it.GeneratedContent;
import org.clouddisk.it.LargeTransfers;
import org.clouddisk.storage.FastDfsContentStore;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.clouddisk.bench.Context.BIG;
import static org.clouddisk.bench.Context.MIB;
import static org.clouddisk.bench.Context.RATIO_GOAL;
import static org.clouddisk.bench.Context.SMALL_COUNT;
import static org.clouddisk.bench.Context.SMALL_RATIO_GOAL;
import static org.clouddisk.bench.Context.SMALL_UPLOADS_PER_SECOND_GOAL;
import static org.clouddisk.bench.Context.TRANSFERS_WARMUP;
import static org.clouddisk.bench.Context.expect;
import static org.clouddisk.bench.Context.seconds;
import static org.clouddisk.bench.Report.f;
import static org.clouddisk.bench.Report.mib;
import static org.clouddisk.it.CloudDiskClient.json;

/**
 * Section "transfers": uploads and downloads of {@link Context#SMALL_COUNT} × 1 MiB and of one big file through the
 * server against the same bytes written straight to the content store, and the server's memory meanwhile.
 */
final class Transfers {

    /** The uploaded files, for the nginx section: download paths (/group1/M00/...) and md5s. */
    record Files(String[] smallPaths, String[] smallMd5s, String bigPath, String bigMd5) {
    }

    /** The warm-up's files kept for its downloads (one page of the user's list, as {@link #urls} reads it). */
    private static final int WARM_UP_KEPT = 100;

    private final Context ctx;
    private final LargeTransfers transfers;
    private final FastDfsContentStore direct;
    private final String storeName;

    Transfers(Context ctx, FastDfsContentStore direct, String storeName) {
        this.ctx = ctx;
        this.transfers = new LargeTransfers(ctx.base);
        this.direct = direct;
        this.storeName = storeName;
    }

    Files run() throws Exception {
        Report report = ctx.report;
        JvmProbe jvm = ctx.jvm;
        User u = ctx.client.newUser("bench_xfer");
        var rows = new ArrayList<List<String>>();
        var json = Json.createArrayBuilder();

        String[] ids = new String[SMALL_COUNT];
        String[] smallMd5s = new String[SMALL_COUNT];
        String[] smallPaths = new String[SMALL_COUNT];
        for (int i = 0; i < SMALL_COUNT; i++) {
            smallMd5s[i] = GeneratedContent.md5(1000 + i, MIB);
        }
        warmUp();
        long smallBytes = SMALL_COUNT * MIB;
        String small = SMALL_COUNT + " x 1 MiB";
        var directUps = new PerFile("upload straight to the store");
        double directUp = seconds(() -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                int n = i;
                directUps.time(i, () -> ids[n] = direct.store(new GeneratedContent(1000 + n, MIB), MIB, "bin"));
            }
        });
        long rssBeforeSmall = jvm.statusKiB("VmRSS");
        double appUp;
        long smallPeak;
        var appUps = new PerFile("upload through /upload");
        Context.Step smallUploads = () -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                int n = i;
                appUps.time(i, () -> expect("008", transfers.upload(u, "small-" + n + ".bin", 1000 + n, MIB,
                        smallMd5s[n]), "upload"));
            }
        };
        try (var rss = jvm.new RssSampler()) {
            appUp = seconds(smallUploads);
            smallPeak = rss.peakKiB();
        }
        double uploadsPerSecond = SMALL_COUNT / appUp;
        boolean smallUpRateOk = ctx.report.target("uploads of 1 MiB per second, one client", f(uploadsPerSecond),
                ">= " + f(SMALL_UPLOADS_PER_SECOND_GOAL), uploadsPerSecond >= SMALL_UPLOADS_PER_SECOND_GOAL);
        if (!row(rows, json, "upload", small, smallBytes, directUp, appUp, SMALL_RATIO_GOAL) | !smallUpRateOk) {
            ctx.profiles.add("upload-1mib", small + " uploads through /upload", smallUploads);
        }

        Map<String, String> urls = urls(u, 0);
        for (int i = 0; i < SMALL_COUNT; i++) {
            smallPaths[i] = urls.get("small-" + i + ".bin").substring(ctx.base.length());
        }
        var directDowns = new PerFile("download straight from the store");
        double directDown = seconds(() -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                int n = i;
                directDowns.time(i, () -> readDirect(ids[n], MIB, smallMd5s[n]));
            }
        });
        var appDowns = new PerFile("download through the download URL");
        Context.Step smallDownloads = () -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                int n = i;
                appDowns.time(i, () -> download(urls.get("small-" + n + ".bin"), MIB, smallMd5s[n]));
            }
        };
        double appDown = seconds(smallDownloads);
        report.table("Each 1 MiB file's own time, one at a time (" + SMALL_COUNT + " files)",
                List.of("transfer", "p50 ms", "p90 ms", "max ms"),
                List.of(directUps.row(), appUps.row(), directDowns.row(), appDowns.row()));
        if (!row(rows, json, "download", small, smallBytes, directDown, appDown, SMALL_RATIO_GOAL)) {
            ctx.profiles.add("download-1mib", small + " downloads", smallDownloads);
        }

        String bigMd5 = GeneratedContent.md5(7, BIG);
        String big = BIG / MIB + " MiB";
        String[] bigId = new String[1];
        directUp = seconds(() -> bigId[0] = direct.store(new GeneratedContent(7, BIG), BIG, "bin"));
        long heapBefore = jvm.heapUsedKiB();
        long rssBeforeBig = jvm.statusKiB("VmRSS");
        long bigPeak;
        Context.Step bigUpload = () -> expect("008", transfers.upload(u, "big.bin", 7, BIG, bigMd5), "upload");
        try (var rss = jvm.new RssSampler()) {
            appUp = seconds(bigUpload);
            bigPeak = rss.peakKiB();
        }
        long heapAfter = jvm.heapUsedKiB();
        long hwm = jvm.statusKiB("VmHWM");
        boolean bigUpOk = row(rows, json, "upload", big, BIG, directUp, appUp, RATIO_GOAL);

        String bigUrl = urls(u, SMALL_COUNT).get("big.bin");
        directDown = seconds(() -> readDirect(bigId[0], BIG, bigMd5));
        Context.Step bigDownload = () -> download(bigUrl, BIG, bigMd5);
        appDown = seconds(bigDownload);
        boolean bigDownOk = row(rows, json, "download", big, BIG, directDown, appDown, RATIO_GOAL);
        report.table("Transfers through the server vs. straight to the content store (" + storeName + ")",
                List.of("transfer", "files", "direct to store MiB/s", "through /upload, download URL MiB/s",
                        "ratio"), rows);
        report.json().add("throughput", json);
        if (!bigUpOk) {
            ctx.profiles.add("upload-1gib", "1 GiB uploads through /upload", bigUpload);
        }
        if (!bigDownOk) {
            ctx.profiles.add("download-1gib", "1 GiB downloads", bigDownload);
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
        return new Files(smallPaths, smallMd5s, bigUrl.substring(ctx.base.length()), bigMd5);
    }

    private boolean row(List<List<String>> rows, JsonArrayBuilder json, String kind, String files,
                        long bytes, double directSeconds, double appSeconds, double goal) {
        double directRate = bytes / MIB / directSeconds;
        double appRate = bytes / MIB / appSeconds;
        double ratio = appRate / directRate;
        rows.add(List.of(kind, files, f(directRate), f(appRate), f(ratio)));
        json.add(Json.createObjectBuilder().add("transfer", kind).add("files", files).add("bytes", bytes)
                .add("direct_mib_s", directRate).add("app_mib_s", appRate).add("ratio", ratio));
        return ctx.report.target(kind + " " + files, f(ratio * 100) + "% of direct",
                ">= " + f(goal * 100) + "%", ratio >= goal);
    }

    /**
     * Uploads 1 MiB files through the server and straight to the store for {@link Context#TRANSFERS_WARMUP}
     * seconds, then downloads the first page of them for as long, as another user, so that both sides are measured
     * warm.
     */
    private void warmUp() throws Exception {
        User warm = ctx.client.newUser("bench_xfer_warm");
        Map<String, String> kept = new HashMap<>(); // name -> md5 of the files downloaded next
        long end = System.nanoTime() + TRANSFERS_WARMUP * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            int seed = 500_000 + i;
            String md5 = GeneratedContent.md5(seed, MIB);
            String name = "warm-" + i + ".bin";
            expect("008", transfers.upload(warm, name, seed, MIB, md5), "warm-up upload");
            String id = direct.store(new GeneratedContent(seed, MIB), MIB, "bin");
            readDirect(id, MIB, md5);
            if (i < WARM_UP_KEPT) {
                kept.put(name, md5);
            } else {
                // 30 s of uploads are gigabytes on each side: only the files downloaded next are kept
                expect("013", ctx.client.dealFile("del", warm, md5, name), "warm-up delete");
                direct.delete(id);
            }
        }
        end = System.nanoTime() + TRANSFERS_WARMUP * 1_000_000_000L;
        Map<String, String> urls = urls(warm, 0);
        while (System.nanoTime() < end) {
            for (Map.Entry<String, String> file : urls.entrySet()) {
                download(file.getValue(), MIB, kept.get(file.getKey()));
            }
        }
    }

    /** The milliseconds of each file of one of the 1 MiB loops: a mean can hide a few slow files. */
    private static final class PerFile {
        private final String what;
        private final double[] millis = new double[SMALL_COUNT];

        PerFile(String what) {
            this.what = what;
        }

        void time(int file, Context.Step step) throws Exception {
            millis[file] = seconds(step) * 1000;
        }

        List<String> row() {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return List.of(what, f(sorted[(sorted.length - 1) / 2]),
                    f(sorted[(int) Math.ceil(0.9 * sorted.length) - 1]), f(sorted[sorted.length - 1]));
        }
    }

    private void readDirect(String fileId, long size, String md5) throws Exception {
        var digest = MessageDigest.getInstance("MD5");
        try (var out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            direct.read(fileId, 0, size, out);
        }
        expect(md5, HexFormat.of().formatHex(digest.digest()), "direct read of " + fileId);
    }

    /** Downloads a URL whole and checks its size and md5. */
    static void download(LargeTransfers transfers, String url, long size, String md5) {
        LargeTransfers.Received r = transfers.download(url, null);
        if (r.status() != 200 || r.bytes() != size || !r.md5().equals(md5)) {
            throw new AssertionError("download of " + url + " gave " + r);
        }
    }

    private void download(String url, long size, String md5) {
        download(transfers, url, size, md5);
    }

    /** File name -> download URL of one page of the user's files. */
    private Map<String, String> urls(User u, int start) {
        Map<String, String> urls = new HashMap<>();
        ctx.client.post("/myfiles?cmd=normal", json("user", u.name(), "token", u.token(), "start", start,
                        "count", 100))
                .getJsonArray("file").getValuesAs(JsonObject.class)
                .forEach(f -> urls.put(f.getString("filename"), f.getString("url")));
        return urls;
    }
}
