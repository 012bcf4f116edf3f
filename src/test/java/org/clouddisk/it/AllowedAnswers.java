package org.clouddisk.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * What each endpoint may answer (shared/PROTOCOL.md), and which of those answers is its failure. JSON endpoints
 * always answer HTTP 200; downloads answer a status. Outcomes are those of {@link AnswerLog.Answer}.
 */
public final class AllowedAnswers {

    private static final Set<String> LIST = Set.of("list", "015", "111");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("/reg", Set.of("002", "003", "004")),
            entry("/login", Set.of("000", "001")),
            entry("/upload", Set.of("008", "009", "111")),
            entry("/md5", Set.of("004", "005", "006", "111")),
            // PROTOCOL.md names no failure code for count; the server answers the /myfiles failure code 015
            entry("/myfiles?cmd=count", Set.of("110", "015", "111")),
            entry("/myfiles?cmd=normal", LIST),
            entry("/myfiles?cmd=pvasc", LIST),
            entry("/myfiles?cmd=pvdesc", LIST),
            entry("/dealfile?cmd=share", Set.of("010", "011", "012", "111")),
            entry("/dealfile?cmd=del", Set.of("013", "014", "111")),
            entry("/dealfile?cmd=pv", Set.of("016", "017", "111")),
            entry("/sharefiles?cmd=count", Set.of("number", "015")),
            entry("/sharefiles?cmd=normal", Set.of("list", "015")),
            entry("/sharefiles?cmd=pvasc", Set.of("list", "015")),
            entry("/sharefiles?cmd=pvdesc", Set.of("list", "015")),
            entry("/dealsharefile?cmd=pv", Set.of("016", "017")),
            entry("/dealsharefile?cmd=cancel", Set.of("018", "019", "111")),
            entry("/dealsharefile?cmd=save", Set.of("020", "021", "022", "111")),
            // a download: the content, a range, gone (deleted meanwhile), or the store / database unavailable
            entry("download", Set.of("HTTP 200", "HTTP 206", "HTTP 404", "HTTP 503")));

    private static final Map<String, String> FAILURE = Map.ofEntries(
            entry("/reg", "004"),
            entry("/login", "001"),
            entry("/upload", "009"),
            entry("/md5", "006"),
            entry("/myfiles?cmd=count", "015"),
            entry("/myfiles?cmd=normal", "015"),
            entry("/myfiles?cmd=pvasc", "015"),
            entry("/myfiles?cmd=pvdesc", "015"),
            entry("/dealfile?cmd=share", "011"),
            entry("/dealfile?cmd=del", "014"),
            entry("/dealfile?cmd=pv", "017"),
            entry("/sharefiles?cmd=count", "015"),
            entry("/sharefiles?cmd=normal", "015"),
            entry("/sharefiles?cmd=pvasc", "015"),
            entry("/sharefiles?cmd=pvdesc", "015"),
            entry("/dealsharefile?cmd=pv", "017"),
            entry("/dealsharefile?cmd=cancel", "019"),
            entry("/dealsharefile?cmd=save", "022"),
            entry("download", "HTTP 503"));

    private AllowedAnswers() {
    }

    public static boolean isJson(String endpoint) {
        return !"download".equals(endpoint);
    }

    /** Whether the endpoint may answer this at all. */
    public static boolean allowed(String endpoint, String outcome) {
        Set<String> allowed = ALLOWED.get(endpoint);
        if (allowed == null) {
            throw new IllegalArgumentException("no allowed answers known for " + endpoint);
        }
        return allowed.contains(outcome);
    }

    /** Whether the answer is the endpoint's failure (or no answer at all). */
    public static boolean isFailure(AnswerLog.Answer a) {
        return a.outcome().equals(FAILURE.get(a.endpoint())) || a.status() == 0;
    }

    /**
     * Every answer that breaks the contract: no answer (timeout, connection error), an HTTP status other than 200 on
     * a JSON endpoint (a 500 above all), an outcome the endpoint may not answer, or an answer slower than maxMillis.
     */
    public static List<String> violations(List<AnswerLog.Answer> answers, long maxMillis) {
        var found = new ArrayList<String>();
        for (AnswerLog.Answer a : answers) {
            if (a.status() == 0) {
                found.add("no answer: " + a);
            } else if (a.status() == 500) {
                found.add("HTTP 500: " + a);
            } else if (isJson(a.endpoint()) && a.status() != 200) {
                found.add("JSON endpoint answered HTTP " + a.status() + ": " + a);
            } else if (!allowed(a.endpoint(), a.outcome())) {
                found.add("not an answer of " + a.endpoint() + ": " + a);
            } else if (a.millis() > maxMillis) {
                found.add("slower than " + maxMillis + " ms: " + a);
            }
        }
        return found;
    }
}
