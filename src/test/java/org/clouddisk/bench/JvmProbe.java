package org.clouddisk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readings of the server's JVM: resident memory from /proc, heap through jcmd, and JFR recordings. */
final class JvmProbe {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final Path jdkBin;

    JvmProbe(ProcessHandle jvm) {
        this.pid = jvm.pid();
        this.jdkBin = Path.of(jvm.info().command().orElseThrow()).getParent();
    }

    long pid() {
        return pid;
    }

    /** CPU time the JVM used so far (user + system), in clock ticks (/proc/<pid>/stat fields 14 and 15). */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from 3 on
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Waits until the JVM is nearly idle (under a tenth of a core over half a second), at most maxSeconds: requests
     * that wrk gave up on (its timeout) still run in the server, and would slow whatever is measured next.
     */
    void settle(int maxSeconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long before = cpuTicks();
            Thread.sleep(500);
            if (cpuTicks() - before <= 5) { // 100 ticks a second (USER_HZ) per core: 5 in 0.5 s is a tenth
                return;
            }
        }
    }

    /** A field of /proc/<pid>/status in KiB, e.g. VmRSS or VmHWM. */
    long statusKiB(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    /** Heap in use (KiB) as GC.heap_info reports it. */
    long heapUsedKiB() throws IOException, InterruptedException {
        Matcher m = HEAP_USED.matcher(run(List.of(jdkBin.resolve("jcmd").toString(), Long.toString(pid),
                "GC.heap_info")));
        if (!m.find()) {
            throw new IOException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(m.group(1));
    }

    /** Samples VmRSS every 50 ms while it runs; {@link #close()} answers the peak. */
    final class RssSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peakKiB;

        RssSampler() throws IOException {
            peakKiB = statusKiB("VmRSS");
            thread = new Thread(() -> {
                while (running) {
                    try {
                        peakKiB = Math.max(peakKiB, statusKiB("VmRSS"));
                        Thread.sleep(50);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peakKiB() {
            return peakKiB;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /** Starts a JFR recording of {@code seconds} into {@code file}. */
    void startJfr(Path file, int seconds) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        run(List.of(jdkBin.resolve("jcmd").toString(), Long.toString(pid), "JFR.start", "name=bench",
                "settings=profile", "duration=" + seconds + "s", "filename=" + file.toAbsolutePath()));
    }

    /**
     * The hottest methods of a recording's jdk.ExecutionSample events: by self samples (top frame) and, for the
     * project's own code, inclusive (anywhere on the stack).
     */
    record Profile(int samples, List<Map.Entry<String, Integer>> self, List<Map.Entry<String, Integer>> ownInclusive) {
    }

    Profile hotMethods(Path file, int top) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(200); // JFR writes the file when the duration has passed
        }
        Thread.sleep(1000);
        String text = run(List.of(jdkBin.resolve("jfr").toString(), "print", "--events", "jdk.ExecutionSample",
                "--stack-depth", "64", file.toString()));
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (String event : text.split("jdk\\.ExecutionSample")) {
            int at = event.indexOf("stackTrace = [");
            if (at < 0) {
                continue;
            }
            samples++;
            Set<String> seen = new HashSet<>();
            boolean first = true;
            for (String frame : event.substring(at + 14).lines().skip(1).map(String::trim).toList()) {
                if (frame.startsWith("]") || frame.isEmpty()) {
                    break;
                }
                String method = frame.replaceAll("\\s+line:.*$", "");
                if (first) {
                    self.merge(method, 1, Integer::sum);
                    first = false;
                }
                if (method.startsWith("org.clouddisk.") && seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        return new Profile(samples, topOf(self, top), topOf(inclusive, top));
    }

    /**
     * Where threads waited, from a recording's jdk.JavaMonitorEnter (with the monitor's class) and jdk.SocketRead
     * events: counted by the first frame outside the JDK.
     */
    List<Map.Entry<String, Integer>> waits(Path file, int top) throws IOException, InterruptedException {
        String text = run(List.of(jdkBin.resolve("jfr").toString(), "print", "--events",
                "jdk.JavaMonitorEnter,jdk.SocketRead", "--stack-depth", "64", file.toString()));
        Map<String, Integer> counts = new HashMap<>();
        for (String event : text.split("\n(?=jdk\\.(JavaMonitorEnter|SocketRead) \\{)")) {
            String kind = event.startsWith("jdk.JavaMonitorEnter") ? "monitor " + event.replaceAll(
                    "(?s).*monitorClass = (\\S+).*", "$1") : "socket read";
            int at = event.indexOf("stackTrace = [");
            if (at < 0) {
                continue;
            }
            String caller = event.substring(at + 14).lines().skip(1).map(String::trim)
                    .filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
                    .findFirst().orElse("?").replaceAll("\\s+line:.*$", "");
            counts.merge(kind + " in " + caller, 1, Integer::sum);
        }
        return topOf(counts, top);
    }

    private static List<Map.Entry<String, Integer>> topOf(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(top).toList();
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
