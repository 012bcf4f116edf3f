package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.storage.FastDfsContentStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pending content deletions, the reconciliation and its admin endpoint, login throttling. */
class MaintenanceIT extends Deployments {

    private final String basicAuth = "Basic " + Base64.getEncoder().encodeToString(
            (TestEnvironment.ADMIN_USER + ":" + TestEnvironment.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private JsonObject reconcile() {
        var answer = client.send("POST", "/api/admin/reconcile", new byte[0], null, "Authorization", basicAuth);
        assertEquals(200, answer.status(), answer.text());
        return answer.json().asJsonObject();
    }

    private static int execute(String sql, Object... parameters) throws Exception {
        try (Connection c = Invariants.connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    @Test
    void theAdminEndpointsNeedAManagementUser() {
        assertEquals(401, client.send("POST", "/api/admin/reconcile", new byte[0], null).status());
        assertEquals(401, client.send("POST", "/api/admin/reconcile", new byte[0], null,
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes())).status());
    }

    @Test
    void reconciliationRepairsEveryDerivableCountAndTheRanking() throws Exception {
        User a = client.newUser("rec");
        User b = client.newUser("rec");
        byte[] content = ("reconcile " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("008", client.uploadLegacy(a, "r.txt", content));
        assertEquals("005", client.instant(b, md5, "r.txt"));
        assertEquals("008", client.uploadLegacy(a, "s.txt", "shared".getBytes(StandardCharsets.UTF_8)));
        String sharedMd5 = CloudDiskClient.md5("shared".getBytes(StandardCharsets.UTF_8));
        assertEquals("010", client.dealFile("share", a, sharedMd5, "s.txt"));

        // corrupt what can be derived
        execute("UPDATE file_info SET count = 7 WHERE md5 = ?", md5);
        execute("UPDATE user_file_count SET count = 42 WHERE user = ?", b.name());
        execute("UPDATE user_folder SET file_count = 9 WHERE user = ? AND parent_id = 0", b.name());
        execute("UPDATE user_file_list SET shared_status = 1 WHERE user = ? AND md5 = ?", b.name(), md5);
        execute("UPDATE user_file_list SET shared_status = 0 WHERE user = ? AND md5 = ?", a.name(), sharedMd5);
        execute("INSERT INTO share_file_list (user, md5, file_name, pv, create_time) VALUES (?, ?, 'ghost.txt', 3, NOW())",
                a.name(), md5);
        execute("UPDATE user_file_count SET count = count + 5 WHERE user = 'xxx_share_xxx_file_xxx_list_xxx_count_xxx'");
        try (RedisClient redis = RedisClient.create("127.0.0.1", TestEnvironment.redis().port())) {
            redis.zadd("FILE_PUBLIC_ZSET", 99, "bogus-member");
        }
        assertFalse(Invariants.check().isEmpty(), "the corruption shows");

        JsonObject report = reconcile();
        assertEquals(1, report.getInt("fileCountsRepaired"), report.toString());
        assertTrue(report.getInt("userCountsRepaired") >= 1, report.toString());
        assertEquals(1, report.getInt("folderCountsRepaired"), report.toString());
        assertEquals(1, report.getInt("sharesRemoved"), report.toString());
        assertTrue(report.getInt("sharedStatusRepaired") >= 2, report.toString());
        assertEquals(1, report.getInt("shareCountRepaired"), report.toString());
        assertTrue(report.getBoolean("rankingRebuilt"));
        Invariants.assertHold();
        assertEquals(1, client.myCount(b));
        JsonObject again = reconcile();
        assertEquals(0, again.getInt("fileCountsRepaired"), "a second run finds nothing to repair");
        assertEquals(0, again.getInt("folderCountsRepaired"), "a second run finds nothing to repair");
    }

    /**
     * The reconciliation running while files are uploaded, referenced, trashed and purged: every count it finds is
     * right, so it repairs nothing (a count read from a snapshot older than its row would be "repaired" to a stale
     * value, and content still referenced deleted), and every invariant holds after.
     */
    @Test
    void reconciliationRacingUploadsReferencesAndPurgesRepairsNothing() throws Exception {
        var drive = new DriveClient(client);
        var stop = new AtomicBoolean();
        var pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            User u = client.newUser("recrace");
            User other = client.newUser("recrace");
            workers.add(pool.submit(() -> {
                int rounds = 0;
                for (; !stop.get(); rounds++) {
                    byte[] content = CloudDiskClient.uniqueContent("recrace", 200);
                    String md5 = CloudDiskClient.md5(content);
                    assertEquals("008", client.uploadLegacy(u, "r.bin", content));
                    assertEquals("005", client.instant(other, md5, "copy.bin"));
                    assertEquals("013", client.dealFile("del", u, md5, "r.bin"));
                    assertEquals(204, drive.send(u, "DELETE", "/trash", null).status());
                }
                return rounds;
            }));
        }
        int reconciliations = 0;
        try {
            for (long end = System.nanoTime() + Duration.ofSeconds(8).toNanos(); System.nanoTime() < end; ) {
                JsonObject report = reconcile();
                reconciliations++;
                for (String repaired : List.of("fileCountsRepaired", "unreferencedRowsRemoved", "userCountsRepaired",
                        "folderCountsRepaired")) {
                    assertEquals(0, report.getInt(repaired), repaired + " while files come and go: " + report);
                }
            }
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        int rounds = 0;
        for (var worker : workers) {
            rounds += worker.get();
        }
        assertTrue(reconciliations > 1 && rounds > 4, reconciliations + " reconciliations, " + rounds + " rounds");
        Invariants.assertHold();
    }

    @Test
    void reconciliationMarksOneCopyOfASharedFileHeldInTwoFolders() throws Exception {
        User u = client.newUser("copies");
        DriveClient drive = new DriveClient(client);
        byte[] content = ("two copies " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String md5 = CloudDiskClient.md5(content);
        String name = CloudDiskClient.uniqueName("copy") + ".txt";
        assertEquals("008", client.uploadLegacy(u, name, content));
        String first = drive.children(u, "root", "").getJsonArray("items").getJsonObject(0).getString("id");
        drive.move(u, first, drive.createFolder(u, "root", "elsewhere").getString("id"));
        assertEquals("008", client.uploadLegacy(u, name, content), "a second copy, in root");
        assertEquals("010", client.dealFile("share", u, md5, name));

        for (int marked : new int[]{1, 0}) {
            execute("UPDATE user_file_list SET shared_status = ? WHERE user = ?", marked, u.name());
            assertFalse(Invariants.check().isEmpty(), "the corruption shows");
            assertTrue(reconcile().getInt("sharedStatusRepaired") >= 1);
            Invariants.assertHold();
            assertEquals(1, Db.number("select count(*) from user_file_list where user = ? and shared_status = 1",
                    u.name()), "one copy stands for the share");
        }
    }

    @Test
    void reconciliationReportsContentMissingFromTheStoreAndContentNothingReferences() throws Exception {
        User u = client.newUser("lost");
        byte[] content = ("lost content " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("008", client.uploadLegacy(u, "lost.txt", content));
        String fileId = client.myFiles(u, "normal").get(0).getString("url").replaceFirst("^https?://[^/]+/", "");
        String stray;
        if (TestEnvironment.fastdfs() != null) {
            var store = new FastDfsContentStore(TestEnvironment.fastdfs().trackers(), 3000, 30000);
            assertTrue(store.delete(fileId)); // behind CloudDisk's back
            stray = null;
        } else {
            Path root = TestEnvironment.dataDir().resolve("storage");
            Files.delete(root.resolve(fileId.substring("group1/".length())));
            stray = "group1/M00/AB/CD/strayStrayStrayStray01.txt";
            Files.createDirectories(root.resolve("M00/AB/CD"));
            Files.writeString(root.resolve(stray.substring("group1/".length())), "nobody's");
        }

        JsonObject report = reconcile();
        assertEquals(fileId, report.getJsonArray("contentMissingFromStore").getString(0), report.toString());
        if (stray == null) {
            assertTrue(report.isNull("unreferencedContent"), "FastDFS cannot list its content");
        } else {
            assertEquals(stray, report.getJsonArray("unreferencedContent").getString(0), report.toString());
            Files.delete(TestEnvironment.dataDir().resolve("storage").resolve(stray.substring("group1/".length())));
        }
        assertEquals("013", client.dealFile("del", u, md5, "lost.txt")); // the operator's remedy: the row goes
        client.emptyTrash(u);
        Invariants.assertHold();
    }

    @Test
    void aDeletionTheStoreCouldNotTakeIsRetriedUntilDone() throws Exception {
        Assumptions.assumeTrue(TestEnvironment.fastdfs() != null, "needs a store that can be made unavailable");
        User u = client.newUser("pend");
        byte[] content = ("pending " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("008", client.uploadLegacy(u, "p.txt", content));
        String fileId = client.myFiles(u, "normal").get(0).getString("url").replaceFirst("^https?://[^/]+/", "");
        var store = new FastDfsContentStore(TestEnvironment.fastdfs().trackers(), 3000, 30000);

        TestEnvironment.fastdfs().setStorageAvailable(false);
        try {
            assertEquals("013", client.dealFile("del", u, md5, "p.txt"));
            client.emptyTrash(u); // the purge itself succeeds
            Thread.sleep(3000); // a timer tick passes while the storage is still down
            assertEquals(1L, Invariants.number("SELECT COUNT(*) FROM pending_deletion WHERE file_id = ?", fileId));
        } finally {
            TestEnvironment.fastdfs().setStorageAvailable(true);
        }
        assertTrue(store.exists(fileId), "still stored while the deletion is pending");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Invariants.number("SELECT COUNT(*) FROM pending_deletion WHERE file_id = ?", fileId) > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the pending deletion was not retried");
            Thread.sleep(200);
        }
        assertFalse(store.exists(fileId), "deleted by the retry");
        Invariants.assertHold();
    }

    @Test
    void repeatedWrongPasswordsBlockTheUserFromThatAddressForAWhile() {
        User u = client.newUser("throttle");
        String right = CloudDiskClient.md5(u.name().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 4; i++) {
            assertEquals("001", client.code("/login", json("user", u.name(), "password", "0".repeat(32))));
        }
        assertEquals("000", client.code("/login", json("user", u.name(), "password", right)), "four are forgiven");
        for (int i = 0; i < 5; i++) {
            assertEquals("001", client.code("/login", json("user", u.name(), "password", "0".repeat(32))));
        }
        assertEquals("001", client.code("/login", json("user", u.name(), "password", right)),
                "blocked: even the right password is refused for a while");
        try (RedisClient redis = RedisClient.create("127.0.0.1", TestEnvironment.redis().port())) {
            assertNull(redis.get("clouddisk:login-failures:pair:" + u.name() + "|nobody"));
            long ttl = redis.pttl("clouddisk:login-failures:pair:" + u.name() + "|127.0.0.1");
            assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(10).toMillis(), "the block ends by itself: " + ttl);
        }
    }
}
