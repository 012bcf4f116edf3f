package org.clouddisk.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JFR profiles of missed targets: each section queues the load that missed, and they all run after the
 * measurements (a profile disturbs what runs beside it), each for {@link Context#JFR_SECONDS} seconds, reported as
 * the hottest methods and the waits.
 */
final class Profiles {

    private record Queued(String slug, String load, Context.Step round) {
    }

    private final Report report;
    private final JvmProbe jvm;
    private final List<Queued> queued = new ArrayList<>();

    Profiles(Report report, JvmProbe jvm) {
        this.report = report;
        this.jvm = jvm;
    }

    void add(String slug, String load, Context.Step round) {
        queued.add(new Queued(slug, load, round));
    }

    /** Runs the queued profiles, unless -Dbench.profiles=false (quick checks). */
    void runAll() {
        if (!Boolean.parseBoolean(System.getProperty("bench.profiles", "true"))) {
            report.text("\nJFR profiles of the " + queued.size() + " missed targets: skipped (-Dbench.profiles=false)");
            queued.clear();
            return;
        }
        queued.forEach(q -> profile(q.slug(), q.load(), q.round()));
        queued.clear();
    }

    private void profile(String slug, String load, Context.Step round) {
        try {
            Path file = Context.OUT.resolve(slug + ".jfr");
            jvm.startJfr(file, Context.JFR_SECONDS);
            long end = System.nanoTime() + Context.JFR_SECONDS * 1_000_000_000L;
            while (System.nanoTime() < end) {
                round.run();
            }
            JvmProbe.Profile p = jvm.hotMethods(file, 12);
            var rows = new ArrayList<List<String>>();
            for (int i = 0; i < Math.max(p.self().size(), p.ownInclusive().size()); i++) {
                rows.add(List.of(i < p.self().size() ? cell(p.self().get(i), p.samples()) : "",
                        i < p.ownInclusive().size() ? cell(p.ownInclusive().get(i), p.samples()) : ""));
            }
            report.table("JFR " + file.getFileName() + ": " + load + " (" + p.samples() + " execution samples)",
                    List.of("hottest methods (self)", "CloudDisk methods on the stack (inclusive)"), rows);
            report.table("JFR " + file.getFileName() + ": where threads waited (events over the JFR thresholds)",
                    List.of("wait", "events"), jvm.waits(file, 10).stream()
                            .map(e -> List.of("`" + e.getKey().replace("|", "\\|") + "`", e.getValue().toString()))
                            .toList());
        } catch (Exception e) {
            report.text("JFR profile " + slug + " failed: " + e);
        }
    }

    private static String cell(Map.Entry<String, Integer> e, int samples) {
        return "`" + e.getKey().replace("|", "\\|") + "` " + Math.round(100.0 * e.getValue() / samples) + "%";
    }
}
