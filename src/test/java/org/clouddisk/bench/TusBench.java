package org.clouddisk.bench;

import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.it.GeneratedContent;
import org.clouddisk.it.LargeTransfers;
import org.clouddisk.storage.ContentStore;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.clouddisk.bench.Context.RATIO_GOAL;
import static org.clouddisk.bench.Report.f;
import static org.clouddisk.bench.Report.mib;

/**
 * Resumable uploads (tus, /api/v2/uploads) in the benchmark: a big file in 8 MiB and 64 MiB PATCH requests against
 * the single-request /upload and against the same bytes written straight to the store, and the completing request's
 * time for 1 MiB and for the big file (it must not grow with the size: completion is a rename and a transaction),
 * and the server's resident memory during the big tus uploads against a 1 MiB one (a PATCH holds a 64 KiB buffer, not
 * its body: the peak must not grow with the size).
 */
final class TusBench {

    private static final long MIB = 1 << 20;

    private final String base;
    private final CloudDiskClient client;
    private final LargeTransfers transfers;
    private final ContentStore direct;
    private final Report report;
    private final JvmProbe jvm;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    TusBench(Context ctx, LargeTransfers transfers, ContentStore direct) {
        this.base = ctx.base;
        this.client = ctx.client;
        this.transfers = transfers;
        this.direct = direct;
        this.report = ctx.report;
        this.jvm = ctx.jvm;
    }

    void run(long big) throws Exception {
        User u = client.newUser("bench_tus");
        String size = big / MIB + " MiB";
        long rssBefore = jvm.statusKiB("VmRSS");
        long smallPeak;
        long[] completion = new long[2];
        try (var rss = jvm.new RssSampler()) {
            tusUpload(u, "complete-1.bin", 35, MIB, 8 * MIB, 1);
            completion[0] = lastCompletionNanos;
            smallPeak = rss.peakKiB();
        }
        // a seed per upload: the same content twice would be deduplicated at completion
        double directSeconds = seconds(() -> direct.delete(direct.store(new GeneratedContent(31, big), big, "bin")));
        String singleMd5 = GeneratedContent.md5(32, big);
        double singleSeconds = seconds(() -> expect("008", transfers.upload(u, "single.bin", 32, big, singleMd5)));
        long rssBeforeBig = jvm.statusKiB("VmRSS");
        double tus8;
        double tus64;
        long bigPeak;
        try (var rss = jvm.new RssSampler()) {
            tus8 = seconds(() -> tusUpload(u, "tus-8.bin", 33, big, 8 * MIB, 0));
            tus64 = seconds(() -> tusUpload(u, "tus-64.bin", 34, big, 64 * MIB, 0));
            bigPeak = rss.peakKiB();
        }

        var rows = new ArrayList<List<String>>();
        rows.add(row("direct to store", big, directSeconds, singleSeconds, directSeconds));
        rows.add(row("/upload, one request", big, singleSeconds, singleSeconds, directSeconds));
        rows.add(row("tus, 8 MiB requests", big, tus8, singleSeconds, directSeconds));
        rows.add(row("tus, 64 MiB requests", big, tus64, singleSeconds, directSeconds));
        report.table("Resumable uploads of " + size + " (tus) against one /upload request and the store",
                List.of("upload", "MiB/s", "of /upload", "of direct"), rows);
        report.target("tus " + size + " in 8 MiB requests vs one /upload request", f(singleSeconds / tus8 * 100) + "%",
                ">= 90%", singleSeconds / tus8 >= RATIO_GOAL);
        report.target("tus " + size + " in 64 MiB requests vs one /upload request",
                f(singleSeconds / tus64 * 100) + "%", ">= 90%", singleSeconds / tus64 >= RATIO_GOAL);

        report.table("WildFly JVM memory (-Xmx512m) during the tus uploads (VmRSS sampled every 50 ms)",
                List.of("reading", "value"), List.of(
                        List.of("VmRSS before the tus uploads", mib(rssBefore)),
                        List.of("peak VmRSS during a 1 MiB tus upload", mib(smallPeak)),
                        List.of("VmRSS before the " + size + " tus uploads (after one /upload of it)",
                                mib(rssBeforeBig)),
                        List.of("peak VmRSS during the " + size + " tus uploads (8 and 64 MiB requests)",
                                mib(bigPeak))));
        long growth = bigPeak - smallPeak; // the /upload between them counts too: stricter, not looser
        report.target("tus memory flat in file size", "peak RSS " + size + " - peak RSS 1 MiB = " + mib(growth),
                "< 10% of " + size, growth * 1024 < big / 10);

        tusUpload(u, "complete-big.bin", 36, big, 64 * MIB, 1);
        completion[1] = lastCompletionNanos;
        report.table("The completing request (1 byte: the seal and the recording)", List.of("file", "ms"),
                List.of(List.of("1 MiB", f(completion[0] / 1e6)), List.of(size, f(completion[1] / 1e6))));
        report.target("tus completion " + size + " vs 1 MiB", f(completion[1] / 1e6) + " ms vs "
                + f(completion[0] / 1e6) + " ms", "< 3x (constant)", completion[1] < 3 * Math.max(completion[0], 1e6));
    }

    private long lastCompletionNanos;

    private static List<String> row(String what, long bytes, double seconds, double single, double directSeconds) {
        return List.of(what, f(bytes / (double) MIB / seconds), f(single / seconds), f(directSeconds / seconds));
    }

    /**
     * Creates an upload and sends it in PATCHes of {@code requestBytes}, streamed from the generator; the last
     * {@code lastBytes} bytes go in a PATCH of their own, whose time is kept in {@link #lastCompletionNanos}.
     */
    private void tusUpload(User u, String name, long seed, long size, long requestBytes, long lastBytes)
            throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/uploads"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Tus-Resumable", "1.0.0")
                .header("Authorization", "Bearer " + u.token()).header("Upload-Length", Long.toString(size))
                .header("Upload-Metadata", "name " + Base64.getEncoder().encodeToString(
                        name.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        expect("201", Integer.toString(created.statusCode()));
        String upload = base + created.headers().firstValue("Location").orElseThrow();
        try (InputStream content = new GeneratedContent(seed, size)) {
            long offset = 0;
            long bulk = size - lastBytes;
            while (offset < bulk) {
                long n = Math.min(requestBytes, bulk - offset);
                offset = transfers.patch(upload, u.token(), offset, content, n);
            }
            long started = System.nanoTime();
            if (lastBytes > 0) {
                transfers.patch(upload, u.token(), offset, content, lastBytes);
            }
            lastCompletionNanos = System.nanoTime() - started;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double seconds(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static void expect(String wanted, String got) {
        if (!got.startsWith(wanted)) {
            throw new AssertionError("expected " + wanted + ", got " + got);
        }
    }
}
