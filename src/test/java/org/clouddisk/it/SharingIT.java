package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.uniqueName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public share list (PROTOCOL.md, "The public share list"): /sharefiles, /dealsharefile, deleting a shared
 * file, and the Redis ranking when Redis loses its data or goes away.
 */
class SharingIT extends Deployments {

    private static final String ZSET = "FILE_PUBLIC_ZSET";
    private static final String HASH = "FILE_NAME_HASH";
    private static final String SHARE_COUNTER = "xxx_share_xxx_file_xxx_list_xxx_count_xxx";
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

    /** A user's file as uploaded by this test. */
    private record UserFile(User owner, String md5, String name, byte[] content) {
        String member() {
            return md5 + name;
        }
    }

    // Registered once for the class (registration is deliberately slow); logged in again when Redis loses tokens.
    private static User alice;
    private static User bob;
    private static User carol;

    @BeforeAll
    static void registerUsers() {
        List<User> users = newClient().newUsers("share", 3);
        alice = users.get(0);
        bob = users.get(1);
        carol = users.get(2);
    }

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    @Test
    void countIsABareJsonNumberThatFollowsShareAndCancel() {
        int before = client.shareCount();
        Answer post = client.send("POST", "/sharefiles?cmd=count", null, null);
        assertEquals(200, post.status());
        assertTrue(post.header("Content-Type").startsWith("application/json"), post.header("Content-Type"));
        assertEquals(Integer.toString(before), post.text().trim(), "POST answers the same bare number");

        UserFile f = shared(alice, "counted.txt");
        assertEquals(before + 1, client.shareCount());
        assertEquals(before + 1, Invariants.number("select count from user_file_count where user = ?", SHARE_COUNTER));
        assertEquals("018", client.dealShare("cancel", alice, f.md5(), f.name()));
        assertEquals(before, client.shareCount());
    }

    @Test
    void normalListsTheNewestShareFirstWithSharerStatusAndPublicPv() {
        UserFile older = shared(alice, "Older Report.TXT");
        UserFile newer = shared(bob, "README");
        assertEquals("016", client.publicPv(older.md5(), older.name()));
        assertEquals("016", client.publicPv(older.md5(), older.name()));
        assertEquals("016", client.dealFile("pv", alice, older.md5(), older.name()), "the owner's pv is not public");

        List<JsonObject> page = client.sharePage("normal", 0, 2);
        assertEquals(List.of(newer.member(), older.member()), members(page));
        assertSharedItem(newer, 0, "", page.get(0));
        assertSharedItem(older, 2, "txt", page.get(1));
        assertEquals(page.subList(1, 2), client.sharePage("normal", 1, 1), "paging");
        int total = client.shareCount();
        assertEquals(total, client.allShared("normal").size());
        assertEquals(List.of(), client.sharePage("normal", total, 10), "a page past the end");

        JsonObject own = mine(client.myFiles(alice, "normal"), older);
        assertEquals(1, own.getInt("share_status"));
        assertEquals(1, own.getInt("pv"), "the owner's own download count");
    }

    /** Pages in the list's older half are read from its oldest end: every slice must still be the same. */
    @Test
    void everyPageOfNormalIsTheSameSliceOfTheWholeList() {
        for (int i = 0; i < 7; i++) {
            shared(i % 2 == 0 ? alice : carol, uniqueName("paged") + ".txt");
        }
        List<String> whole = newestFirstInTheDatabase();
        int total = whole.size();
        assertEquals(total, client.shareCount());
        for (int count : new int[]{1, 2, 3, Math.min(total / 2 + 1, 100), Math.min(total, 100)}) {
            for (int start = 0; start <= total + 1; start++) {
                assertEquals(whole.subList(Math.min(start, total), Math.min(start + count, total)),
                        members(client.sharePage("normal", start, count)), "start " + start + ", count " + count
                                + " of " + total);
            }
        }
    }

    @Test
    void pvdescAndPvascRankByPublicPv() {
        UserFile top = sharedWithPv(alice, 3);
        UserFile last = sharedWithPv(bob, 1);
        UserFile middle = sharedWithPv(alice, 2);

        List<JsonObject> desc = client.allShared("pvdesc");
        List<JsonObject> asc = client.allShared("pvasc");
        assertEquals(client.shareCount(), desc.size());
        List<Long> pvs = desc.stream().map(i -> i.getJsonNumber("pv").longValue()).toList();
        List<Long> sorted = new ArrayList<>(pvs);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, pvs, "pvdesc is sorted by pv, highest first");
        List<String> reversed = new ArrayList<>(entries(desc));
        Collections.reverse(reversed);
        assertEquals(reversed, entries(asc), "pvasc is pvdesc reversed (ties by member both ways)");
        assertEquals(List.of(top.member(), middle.member(), last.member()), mineInOrder(desc, top, middle, last));
        for (UserFile f : List.of(top, middle, last)) {
            JsonObject item = mine(desc, f);
            assertEquals(sharePv(f), item.getJsonNumber("pv").longValue(), "the database's pv");
        }
        assertEquals(desc.subList(1, 3), client.sharePage("pvdesc", 1, 2), "paging");
        assertEquals(List.of(), client.sharePage("pvasc", desc.size(), 5), "a page past the end");
    }

    @Test
    void malformedListRequestsAnswer015() {
        List<String> bodies = List.of("", "{not json", "[0,10]", "\"start\"", "{}", "{\"start\":0}", "{\"count\":10}",
                "{\"start\":-1,\"count\":10}", "{\"start\":0,\"count\":0}", "{\"start\":0,\"count\":101}",
                "{\"start\":\"x\",\"count\":10}", "{\"start\":0,\"count\":1.5}", "{\"start\":0,\"count\":true}",
                "{\"start\":null,\"count\":10}", "{\"start\":99999999999,\"count\":10}");
        for (String cmd : List.of("normal", "pvasc", "pvdesc")) {
            for (String body : bodies) {
                assertEquals("015", rawCode("/sharefiles?cmd=" + cmd, body), cmd + " " + body);
            }
        }
        assertEquals("015", rawCode("/sharefiles?cmd=bogus", "{\"start\":0,\"count\":10}"), "unknown cmd");
        assertEquals("015", rawCode("/sharefiles", "{\"start\":0,\"count\":10}"), "no cmd");
    }

    @Test
    void pvCountsPublicDownloadsWithoutTokenInTheDatabaseAndTheRanking() {
        UserFile f = shared(alice, "downloads.bin");
        UserFile unshared = upload(alice, "private.bin");
        client.allShared("pvdesc"); // the ranking is in Redis from here on

        assertEquals("016", client.publicPv(f.md5(), f.name()));
        assertEquals("016", client.code("/dealsharefile?cmd=pv",
                json("user", bob.name(), "md5", f.md5().toUpperCase(), "filename", f.name())), "md5 in any case");
        assertEquals(2L, sharePv(f));
        assertEquals(2.0, zscore(f));
        assertEquals(0L, Invariants.number("select pv from user_file_list where user = ? and md5 = ? and file_name = ?",
                alice.name(), f.md5(), f.name()), "the owner's own pv is another counter");

        assertEquals("017", client.publicPv(unshared.md5(), unshared.name()), "not shared");
        assertEquals("017", client.publicPv(f.md5(), f.name() + "x"), "another name");
        assertEquals("017", client.publicPv("0".repeat(32), "nothing"), "unknown content");
        assertEquals("017", rawCode("/dealsharefile?cmd=pv", "{oops"), "malformed JSON");
        assertEquals("017", rawCode("/dealsharefile?cmd=pv", "{\"md5\":\"xyz\",\"filename\":\"a\"}"), "bad md5");
        assertEquals("017", rawCode("/dealsharefile?cmd=pv", "{\"md5\":\"" + f.md5() + "\"}"), "no file name");
        assertEquals(2L, sharePv(f), "failures count nothing");
    }

    @Test
    void onlyTheSharerCancelsAndOnlyWithTheirOwnToken() {
        UserFile f = shared(alice, "cancel me.txt");
        UserFile neverShared = upload(alice, "never shared.txt");
        assertEquals("005", client.instant(bob, f.md5(), f.name()), "bob holds the same file without sharing it");
        client.allShared("pvdesc"); // the ranking is in Redis from here on
        int count = client.shareCount();

        assertEquals("019", client.dealShare("cancel", bob, f.md5(), f.name()), "a holder who did not share it");
        assertEquals("019", client.dealShare("cancel", carol, f.md5(), f.name()), "a user without the file");
        assertEquals("111", client.code("/dealsharefile?cmd=cancel", json("user", alice.name(), "token", bob.token(),
                "md5", f.md5(), "filename", f.name())), "another user's token");
        assertEquals("111", client.code("/dealsharefile?cmd=cancel", json("user", alice.name(),
                "md5", f.md5(), "filename", f.name())), "no token");
        assertEquals("019", client.dealShare("cancel", alice, neverShared.md5(), neverShared.name()));
        assertEquals("019", rawCode("/dealsharefile?cmd=cancel", "{oops"), "malformed JSON");
        assertEquals(count, client.shareCount(), "refused cancels change nothing");
        assertEquals(0.0, zscore(f));

        assertEquals("018", client.dealShare("cancel", alice, f.md5(), f.name()));
        assertEquals("019", client.dealShare("cancel", alice, f.md5(), f.name()), "already cancelled");
        assertEquals(count - 1, client.shareCount());
        assertNotShared(f);
        assertEquals(0, mine(client.myFiles(alice, "normal"), f).getInt("share_status"));
        assertEquals("010", client.dealFile("share", bob, f.md5(), f.name()), "now bob may share it");
        assertEquals("019", client.dealShare("cancel", alice, f.md5(), f.name()), "bob's share is not alice's");
        assertEquals("018", client.dealShare("cancel", bob, f.md5(), f.name()));
    }

    @Test
    void saveCopiesASharedFileOnceIntoTheUsersFiles() {
        UserFile f = shared(alice, "save me.pdf");
        UserFile unshared = upload(alice, "not shared.pdf");
        int bobFiles = client.myCount(bob);

        assertEquals("020", client.dealShare("save", bob, f.md5(), f.name()));
        assertEquals(2L, references(f.md5()), "file_info.count +1");
        assertEquals(bobFiles + 1, client.myCount(bob));
        JsonObject copy = mine(client.myFiles(bob, "normal"), f);
        assertEquals(0, copy.getInt("share_status"));
        assertEquals(0, copy.getInt("pv"));

        assertEquals("021", client.dealShare("save", bob, f.md5(), f.name()), "saved twice");
        assertEquals("021", client.dealShare("save", alice, f.md5(), f.name()), "the sharer has it");
        assertEquals("022", client.dealShare("save", bob, unshared.md5(), unshared.name()), "not shared");
        assertEquals("022", client.dealShare("save", bob, "f".repeat(32), "unknown.pdf"), "unknown content");
        assertEquals("111", client.code("/dealsharefile?cmd=save", json("user", carol.name(), "token", bob.token(),
                "md5", f.md5(), "filename", f.name())), "another user's token");
        assertEquals("022", rawCode("/dealsharefile?cmd=save", "[]"), "malformed body");
        assertEquals(2L, references(f.md5()), "refused saves change nothing");
        assertEquals(bobFiles + 1, client.myCount(bob));
    }

    @Test
    void deletingASharedFileRemovesItsShareEverywhere() {
        UserFile f = shared(alice, "delete me.mp4");
        assertEquals("016", client.publicPv(f.md5(), f.name()));
        assertEquals("020", client.dealShare("save", carol, f.md5(), f.name()), "carol keeps the content alive");
        client.allShared("pvdesc"); // the ranking is in Redis from here on
        assertEquals(1.0, zscore(f));
        int count = client.shareCount();

        assertEquals("013", client.dealFile("del", alice, f.md5(), f.name()));
        assertEquals(count - 1, client.shareCount());
        assertEquals(count - 1, Invariants.number("select count from user_file_count where user = ?", SHARE_COUNTER));
        assertEquals(2L, references(f.md5()), "carol's copy and alice's in the trash");
        assertNotShared(f);
        assertEquals(200, client.get(mine(client.myFiles(carol, "normal"), f).getString("url")).status(),
                "carol's copy stays");
        assertEquals("014", client.dealFile("del", alice, f.md5(), f.name()), "already deleted");
    }

    @Test
    void theRankingIsRebuiltFromTheDatabaseAfterRedisLostItsData() {
        List<UserFile> mine = List.of(sharedWithPv(alice, 4), sharedWithPv(bob, 6), sharedWithPv(carol, 5));
        List<JsonObject> before = client.allShared("pvdesc");
        try (RedisClient redis = TestEnvironment.redisClient()) {
            redis.flushAll();
        }
        reloginEverybody();

        List<JsonObject> after = client.allShared("pvdesc");
        assertEquals(entries(before), entries(after), "the same order and the same pv");
        assertEquals(List.of(mine.get(1).member(), mine.get(2).member(), mine.get(0).member()),
                mineInOrder(after, mine.toArray(UserFile[]::new)));
        assertRankingInRedis(after.size());
    }

    @Test
    void theRankingIsAnsweredFromTheDatabaseWhileRedisIsDownAndRebuiltWhenItIsBack() throws Exception {
        UserFile low = sharedWithPv(alice, 2);
        UserFile high = sharedWithPv(bob, 7);
        UserFile middle = sharedWithPv(carol, 4);
        List<JsonObject> before = client.allShared("pvdesc");
        List<JsonObject> whileDown;
        TestEnvironment.redis().stop();
        try {
            assertEquals(entries(before), entries(client.allShared("pvdesc")), "answered from the database");
            assertEquals("016", client.publicPv(low.md5(), low.name()), "counted in the database");
            assertEquals(3L, sharePv(low));
            whileDown = client.allShared("pvdesc");
            List<String> reversed = new ArrayList<>(entries(client.allShared("pvasc")));
            Collections.reverse(reversed);
            assertEquals(entries(whileDown), reversed);
        } finally {
            TestEnvironment.redis().start();
        }
        reloginEverybody();

        List<JsonObject> after = client.allShared("pvdesc");
        assertEquals(entries(whileDown), entries(after), "rebuilt with the pv counted while Redis was down");
        assertEquals(List.of(high.member(), middle.member(), low.member()), mineInOrder(after, low, high, middle));
        assertEquals(mineInOrder(before, low, high, middle), mineInOrder(after, low, high, middle));
        assertRankingInRedis(after.size());
    }

    // --- helpers

    private UserFile upload(User owner, String name) {
        byte[] content = CloudDiskClient.uniqueContent("sharing", 64);
        assertEquals("008", client.uploadLegacy(owner, name, content));
        return new UserFile(owner, CloudDiskClient.md5(content), name, content);
    }

    private UserFile shared(User owner, String name) {
        UserFile f = upload(owner, name);
        assertEquals("010", client.dealFile("share", owner, f.md5(), f.name()));
        return f;
    }

    private UserFile sharedWithPv(User owner, int pv) {
        UserFile f = shared(owner, uniqueName("ranked") + ".dat");
        for (int i = 0; i < pv; i++) {
            assertEquals("016", client.publicPv(f.md5(), f.name()));
        }
        return f;
    }

    private void reloginEverybody() {
        alice = client.relogin(alice);
        bob = client.relogin(bob);
        carol = client.relogin(carol);
    }

    private String rawCode(String path, String body) {
        return client.postRaw(path, body.getBytes(StandardCharsets.UTF_8), "text/plain").asJsonObject()
                .getString("code");
    }

    private void assertSharedItem(UserFile f, int pv, String type, JsonObject item) {
        assertEquals(f.owner().name(), item.getString("user"), "the sharer");
        assertEquals(f.md5(), item.getString("md5"));
        assertEquals(f.name(), item.getString("filename"));
        assertEquals(1, item.getInt("share_status"));
        assertEquals(pv, item.getInt("pv"), "the public pv");
        assertEquals(f.content().length, item.getJsonNumber("size").longValue());
        assertEquals(type, item.getString("type"));
        assertTrue(TIME.matcher(item.getString("time")).matches(), item.toString());
        String url = item.getString("url");
        assertTrue(url.startsWith(client.base() + "/group"), url);
        Answer download = client.get(url);
        assertEquals(200, download.status(), url);
        assertArrayEquals(f.content(), download.body());
    }

    /** Gone from share_file_list, from Redis (read before any list call could rebuild it) and from both lists. */
    private void assertNotShared(UserFile f) {
        try (RedisClient redis = TestEnvironment.redisClient()) {
            assertNull(redis.zscore(ZSET, f.member()), "still in " + ZSET);
            assertNull(redis.hget(HASH, f.member()), "still in " + HASH);
        }
        assertNull(Invariants.number("select id from share_file_list where md5 = ? and file_name = ?",
                f.md5(), f.name()));
        assertFalse(members(client.allShared("normal")).contains(f.member()), "still in the public list");
        assertFalse(members(client.allShared("pvdesc")).contains(f.member()), "still in the ranking");
    }

    /** Both Redis structures exist again and hold one entry per share (Invariants compares their content). */
    private static void assertRankingInRedis(int shares) {
        try (RedisClient redis = TestEnvironment.redisClient()) {
            assertEquals(shares, redis.zcard(ZSET), ZSET);
            assertEquals(shares, redis.hlen(HASH), HASH);
        }
    }

    private static Double zscore(UserFile f) {
        try (RedisClient redis = TestEnvironment.redisClient()) {
            return redis.zscore(ZSET, f.member());
        }
    }

    private static Long sharePv(UserFile f) {
        return Invariants.number("select pv from share_file_list where md5 = ? and file_name = ?", f.md5(), f.name());
    }

    private static Long references(String md5) {
        return Invariants.number("select count from file_info where md5 = ?", md5);
    }

    private static List<String> newestFirstInTheDatabase() {
        try (var c = Invariants.connect(); var rows = c.createStatement().executeQuery(
                "select md5, file_name from share_file_list order by create_time desc, id desc")) {
            var members = new ArrayList<String>();
            while (rows.next()) {
                members.add(rows.getString(1) + rows.getString(2));
            }
            return members;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> members(List<JsonObject> items) {
        return items.stream().map(i -> i.getString("md5") + i.getString("filename")).toList();
    }

    /** member=pv of each item, in order. */
    private static List<String> entries(List<JsonObject> items) {
        return items.stream().map(i -> i.getString("md5") + i.getString("filename") + "=" + i.getJsonNumber("pv"))
                .toList();
    }

    private static List<String> mineInOrder(List<JsonObject> items, UserFile... files) {
        List<String> wanted = Arrays.stream(files).map(UserFile::member).toList();
        return members(items).stream().filter(wanted::contains).toList();
    }

    private static JsonObject mine(List<JsonObject> items, UserFile f) {
        return items.stream().filter(i -> f.md5().equals(i.getString("md5")) && f.name().equals(i.getString("filename")))
                .findFirst().orElseThrow(() -> new AssertionError(f.name() + " is not listed"));
    }
}
