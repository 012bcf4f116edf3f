package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.clouddisk.it.CloudDiskClient.concurrently;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many requests at the same moment on the same content (PROTOCOL.md, "Storage model": the invariants hold after
 * any mix of concurrent requests). Every scenario asserts exact counts, then every invariant.
 */
class ConcurrencyIT extends Deployments {

    private static final int USERS = 32;

    // Registered once for the class (registration is deliberately slow): the owner uploads first, then the others.
    private static User owner;
    private static List<User> others;
    private static List<User> everybody;

    /** The content under test in one scenario, as its owner uploaded it. */
    private record Content(String md5, String name, byte[] bytes) {
    }

    @BeforeAll
    static void registerUsers() {
        everybody = newClient().newUsers("conc", USERS + 1);
        owner = everybody.get(0);
        others = everybody.subList(1, USERS + 1);
    }

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    @Test
    void instantUploadsOfTheSameContentAddOneReferencePerUser() {
        Content c = ownerUploads("instant", 1024);
        Map<String, Integer> before = fileCounts(others);

        // every user twice at once: each gets 005 exactly once, and 004 for the other request
        List<String> codes = concurrently(2 * USERS, i -> client.instant(others.get(i % USERS), c.md5(), c.name()));
        for (int u = 0; u < USERS; u++) {
            assertEquals(Set.of("004", "005"), Set.of(codes.get(u), codes.get(u + USERS)), others.get(u).name());
        }
        assertEquals(USERS + 1L, references(c));
        for (User u : others) {
            assertEquals(1L, rows(u, c), u.name());
        }
        assertEquals(plusOne(before), fileCounts(others), "each user's count +1");
    }

    @Test
    void concurrentUploadsOfTheSameNewContentStoreItOnce() {
        byte[] bytes = uniqueContent("upload", 256 * 1024);
        Content c = new Content(md5(bytes), "same upload.bin", bytes);

        List<String> codes = concurrently(USERS, i -> upload(others.get(i), c, i));
        assertEquals(Collections.nCopies(USERS, "008"), codes);
        assertEquals(1L, Invariants.number("select count(*) from file_info where md5 = ?", c.md5()));
        assertEquals((long) USERS, references(c));
        // exactly one stored copy: Invariants compares the store with file_info
        String url = fileOf(others.get(0), c).getString("url");
        assertTrue(Arrays.equals(bytes, client.get(url).body()), "the stored content");
    }

    @Test
    void theSameUploadSentManyTimesByOneUserIsOneFile() {
        User u = others.get(0);
        byte[] bytes = uniqueContent("repeat", 64 * 1024);
        Content c = new Content(md5(bytes), "repeated.bin", bytes);
        int before = client.myCount(u);

        List<String> codes = concurrently(16, i -> upload(u, c, i));
        assertEquals(Collections.nCopies(16, "008"), codes);
        assertEquals(1L, rows(u, c));
        assertEquals(1L, references(c));
        assertEquals(before + 1, client.myCount(u));
    }

    @Test
    void everyHolderDeletingAtOnceRemovesTheContent() {
        Content c = everybodyHolds("delete");
        String url = fileOf(owner, c).getString("url");
        assertEquals(200, client.get(url).status());

        List<String> codes = concurrently(everybody.size(), i -> client.dealFile("del", everybody.get(i), c.md5(), c.name()));
        assertEquals(Collections.nCopies(everybody.size(), "013"), codes);
        assertEquals(404, client.get(url).status(), "only trashes hold it: gone to the seed's protocol");
        concurrently(everybody.size(), i -> {
            client.emptyTrash(everybody.get(i));
            return null;
        });
        assertNull(references(c), "the file_info row is gone");
        assertEquals(0L, Invariants.number("select count(*) from user_file_list where md5 = ?", c.md5()));
        assertEquals(404, client.get(url).status(), "the content is gone from the store");
    }

    @Test
    void concurrentSharesOfTheSameFileShareItOnce() {
        Content c = everybodyHolds("share");
        int shares = client.shareCount();

        List<String> codes = concurrently(everybody.size(), i -> client.dealFile("share", everybody.get(i), c.md5(), c.name()));
        assertEquals(1, Collections.frequency(codes, "010"), codes.toString());
        assertEquals(USERS, Collections.frequency(codes, "012"), codes.toString());
        assertEquals(shares + 1, client.shareCount());
        String sharer = everybody.get(codes.indexOf("010")).name();
        assertEquals(1L, Invariants.number("select count(*) from share_file_list where md5 = ? and file_name = ?"
                + " and user = ?", c.md5(), c.name(), sharer));
    }

    /** The operations of the mixed storm, each with the answers it may give while the others run. */
    private enum Op {
        SHARE("010", "011", "012"), CANCEL("018", "019"), DELETE("013", "014"), SAVE("020", "021", "022"),
        PV("016", "017"), INSTANT("004", "005");

        final Set<String> answers;

        Op(String... answers) {
            this.answers = Set.of(answers);
        }
    }

    @Test
    void aStormOfSharesCancelsDeletesSavesAndDownloadsKeepsEverythingConsistent() {
        Content c = everybodyHolds("storm");
        client.allShared("pvdesc"); // the ranking is in Redis, so Invariants compares it too
        int rounds = Op.values().length;

        // each of the others runs every operation once, each starting elsewhere in the cycle, all at once;
        // the owner keeps its reference so the content stays
        List<List<String>> answers = concurrently(USERS, i -> {
            User u = others.get(i);
            var mine = new ArrayList<String>();
            for (int r = 0; r < rounds; r++) {
                Op op = Op.values()[(i + r) % Op.values().length];
                String code = switch (op) {
                    case SHARE -> client.dealFile("share", u, c.md5(), c.name());
                    case CANCEL -> client.dealShare("cancel", u, c.md5(), c.name());
                    case DELETE -> client.dealFile("del", u, c.md5(), c.name());
                    case SAVE -> client.dealShare("save", u, c.md5(), c.name());
                    case PV -> client.publicPv(c.md5(), c.name());
                    case INSTANT -> client.instant(u, c.md5(), c.name());
                };
                assertTrue(op.answers.contains(code), op + " answered " + code);
                mine.add(code);
            }
            return mine;
        });
        Map<String, Long> tally = answers.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long added = tally.getOrDefault("005", 0L) + tally.getOrDefault("020", 0L);
        long deleted = tally.getOrDefault("013", 0L);
        assertEquals(everybody.size() + added, references(c), "deleted files stay referenced from the trash: " + tally);
        assertTrue(deleted > 0 && added > 0, "the storm deleted and added: " + tally);
        concurrently(USERS, i -> {
            client.emptyTrash(others.get(i));
            return null;
        });
        assertEquals(everybody.size() + added - deleted, references(c), tally.toString());
    }

    @Test
    void concurrentDownloadCountsAreNeverLost() {
        Content c = ownerUploads("pv", 512);
        assertEquals("010", client.dealFile("share", owner, c.md5(), c.name()));
        client.allShared("pvdesc"); // the ranking is in Redis, so its score is checked too
        int each = 64;

        List<String> codes = concurrently(2 * each, i -> i % 2 == 0
                ? client.publicPv(c.md5(), c.name())
                : client.dealFile("pv", owner, c.md5(), c.name()));
        assertEquals(Collections.nCopies(2 * each, "016"), codes);
        assertEquals((long) each, Invariants.number("select pv from share_file_list where md5 = ? and file_name = ?",
                c.md5(), c.name()), "public pv");
        assertEquals((long) each, Invariants.number("select pv from user_file_list where user = ? and md5 = ?"
                + " and file_name = ?", owner.name(), c.md5(), c.name()), "the owner's pv");
        try (RedisClient redis = TestEnvironment.redisClient()) {
            assertEquals((double) each, redis.zscore("FILE_PUBLIC_ZSET", c.md5() + c.name()), "ranking score");
        }
    }

    // --- helpers

    private Content ownerUploads(String label, int size) {
        byte[] bytes = uniqueContent(label, size);
        Content c = new Content(md5(bytes), label + " file.bin", bytes);
        assertEquals("008", client.uploadLegacy(owner, c.name(), bytes));
        return c;
    }

    /** Content the owner uploaded and every other user added by instant upload. */
    private Content everybodyHolds(String label) {
        Content c = ownerUploads(label, 2048);
        assertEquals(Collections.nCopies(USERS, "005"),
                concurrently(USERS, i -> client.instant(others.get(i), c.md5(), c.name())));
        return c;
    }

    /** Both body forms, alternately. */
    private String upload(User u, Content c, int i) {
        return i % 2 == 0 ? client.uploadLegacy(u, c.name(), c.bytes()) : client.uploadMultipart(u, c.name(), c.bytes());
    }

    private JsonObject fileOf(User u, Content c) {
        return client.myFiles(u, "normal").stream()
                .filter(f -> c.md5().equals(f.getString("md5")) && c.name().equals(f.getString("filename")))
                .findFirst().orElseThrow(() -> new AssertionError(u.name() + " has no " + c.name()));
    }

    private static Long references(Content c) {
        return Invariants.number("select count from file_info where md5 = ?", c.md5());
    }

    private static long rows(User u, Content c) {
        return Invariants.number("select count(*) from user_file_list where user = ? and md5 = ? and file_name = ?",
                u.name(), c.md5(), c.name());
    }

    private Map<String, Integer> fileCounts(List<User> users) {
        return users.stream().collect(Collectors.toMap(User::name, client::myCount));
    }

    private static Map<String, Integer> plusOne(Map<String, Integer> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + 1));
    }
}
