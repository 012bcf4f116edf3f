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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.clouddisk.bench.Context.BIG;
import static org.clouddisk.bench.Context.MIB;
import static org.clouddisk.bench.Context.RATIO_GOAL;
import static org.clouddisk.bench.Context.SMALL_COUNT;
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
        Context.Step smallUploads = () -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                expect("008", transfers.upload(u, "small-" + i + ".bin", 1000 + i, MIB, smallMd5s[i]), "upload");
            }
        };
        try (var rss = jvm.new RssSampler()) {
            appUp = seconds(smallUploads);
            smallPeak = rss.peakKiB();
        }
        if (!row(rows, json, "upload", small, smallBytes, directUp, appUp)) {
            ctx.profiles.add("upload-1mib", small + " uploads through /upload", smallUploads);
        }

        Map<String, String> urls = urls(u, 0);
        for (int i = 0; i < SMALL_COUNT; i++) {
            smallPaths[i] = urls.get("small-" + i + ".bin").substring(ctx.base.length());
        }
        double directDown = seconds(() -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                readDirect(ids[i], MIB, smallMd5s[i]);
            }
        });
        Context.Step smallDownloads = () -> {
            for (int i = 0; i < SMALL_COUNT; i++) {
                download(urls.get("small-" + i + ".bin"), MIB, smallMd5s[i]);
            }
        };
        double appDown = seconds(smallDownloads);
        if (!row(rows, json, "download", small, smallBytes, directDown, appDown)) {
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
        boolean bigUpOk = row(rows, json, "upload", big, BIG, directUp, appUp);

        String bigUrl = urls(u, SMALL_COUNT).get("big.bin");
        directDown = seconds(() -> readDirect(bigId[0], BIG, bigMd5));
        Context.Step bigDownload = () -> download(bigUrl, BIG, bigMd5);
        appDown = seconds(bigDownload);
        boolean bigDownOk = row(rows, json, "download", big, BIG, directDown, appDown);
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
                        long bytes, double directSeconds, double appSeconds) {
        double directRate = bytes / MIB / directSeconds;
        double appRate = bytes / MIB / appSeconds;
        double ratio = appRate / directRate;
        rows.add(List.of(kind, files, f(directRate), f(appRate), f(ratio)));
        json.add(Json.createObjectBuilder().add("transfer", kind).add("files", files).add("bytes", bytes)
                .add("direct_mib_s", directRate).add("app_mib_s", appRate).add("ratio", ratio));
        return ctx.report.target(kind + " " + files, f(ratio * 100) + "% of direct", ">= 90%", ratio >= RATIO_GOAL);
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
