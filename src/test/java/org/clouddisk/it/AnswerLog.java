package org.clouddisk.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every answer a test's clients got, with when the request started and how long it took: what fault tests assert
 * on. Times are {@link #now()} milliseconds, on the same clock as the events the test marks.
 */
public final class AnswerLog {

    /**
     * One answer. {@code outcome} is the JSON code ("008"), "list" for {"file":[...]}, "number" for a bare number,
     * "HTTP nnn" for a download or a non-200 answer, "TIMEOUT" or "IO ..." when no answer came.
     */
    public record Answer(String endpoint, String user, long startMillis, long millis, int status, String outcome,
                         String detail) {

        public long endMillis() {
            return startMillis + millis;
        }

        @Override
        public String toString() {
            return endpoint + " by " + user + " at " + startMillis + " ms took " + millis + " ms: " + outcome
                    + (status != 200 && status != 0 ? " (HTTP " + status + ")" : "")
                    + (detail == null || detail.isEmpty() ? "" : " [" + detail + "]");
        }
    }

    private static final long ORIGIN = System.nanoTime();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    /** Milliseconds on the log's clock (monotonic). */
    public static long now() {
        return (System.nanoTime() - ORIGIN) / 1_000_000;
    }

    public void add(Answer a) {
        answers.add(a);
    }

    public List<Answer> all() {
        return new ArrayList<>(answers);
    }

    public List<Answer> where(Predicate<Answer> filter) {
        return answers.stream().filter(filter).toList();
    }

    /** Answers to requests started in [from, to). */
    public List<Answer> startedBetween(long from, long to) {
        return where(a -> a.startMillis() >= from && a.startMillis() < to);
    }

    /** "endpoint outcome" -> count, for failure messages and reports. */
    public static String summary(List<Answer> answers) {
        Map<String, Long> counts = answers.stream().collect(Collectors.groupingBy(
                a -> a.endpoint() + " " + a.outcome(), TreeMap::new, Collectors.counting()));
        return answers.size() + " answers " + counts;
    }

    public String summary() {
        return summary(all());
    }
}
