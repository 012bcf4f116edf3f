package org.clouddisk.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.DriveClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2/trash and deleting (API.md, "Trash"), from the v2 API and the seed's protocol. */
class TrashIT extends Deployments {

    private final DriveClient drive = new DriveClient(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    private static List<String> names(List<JsonObject> nodes) {
        return nodes.stream().map(n -> n.getString("name")).toList();
    }

    @Test
    void aDeletedFolderGoesToTheTrashWithItsSubtreeAndComesBack() {
        User u = client.newUser("trash");
        JsonObject projects = drive.createFolder(u, "root", "projects");
        JsonObject inner = drive.createFolder(u, id(projects), "inner");
        JsonObject file = drive.uploadToRoot(u, "plan.txt", uniqueContent("plan", 100));
        drive.move(u, id(file), id(inner));

        drive.trash(u, id(projects));
        assertEquals(List.of(), drive.names(u, "root", ""));
        for (String gone : List.of(id(projects), id(inner), id(file))) {
            drive.expectProblem(404, "not_found", u, "GET", "/nodes/" + gone, null);
        }
        drive.expectProblem(404, "not_found", u, "GET", "/nodes/" + id(file) + "/content", null);
        drive.expectProblem(404, "not_found", u, "GET", "/nodes/" + id(inner) + "/children", null);
        drive.expectProblem(404, "not_found", u, "POST", "/nodes/" + id(inner) + "/children",
                DriveClient.folderBody("new"));
        drive.expectProblem(404, "not_found", u, "DELETE", "/nodes/" + id(file), null);
        drive.expectProblem(404, "not_found", u, "DELETE", "/nodes/" + id(projects), null);

        List<JsonObject> trash = drive.trashItems(u);
        assertEquals(List.of("projects"), names(trash), "the top node only");
        JsonObject item = trash.get(0);
        assertEquals(JsonValue.NULL, item.get("parent"));
        assertTrue(Duration.between(Instant.parse(item.getString("deleted")), Instant.now()).abs().toMinutes() < 5);
        assertEquals(List.of(""), item.getJsonArray("original_path").getValuesAs(JsonValue::asJsonObject).stream()
                .map(s -> s.getString("name")).toList());

        JsonObject restored = drive.expect(200, u, "POST", "/trash/" + id(projects) + "/restore", null);
        assertEquals("projects", restored.getString("name"));
        assertEquals(id(drive.root(u)), restored.getString("parent"));
        assertEquals(List.of("plan.txt"), drive.names(u, id(inner), ""), "the subtree came back with it");
        assertEquals(List.of(), drive.trashItems(u));
    }

    @Test
    void restoreGoesBackToItsFolderOrToRootUnderAFreeName() {
        User u = client.newUser("restore");
        JsonObject docs = drive.createFolder(u, "root", "docs");
        JsonObject a = drive.uploadToRoot(u, "a.txt", uniqueContent("a", 50));
        drive.move(u, id(a), id(docs));
        drive.trash(u, id(a));
        drive.move(u, id(drive.uploadToRoot(u, "a.txt", uniqueContent("a2", 50))), id(docs));
        JsonObject back = drive.expect(200, u, "POST", "/trash/" + id(a) + "/restore", null);
        assertEquals("a (1).txt", back.getString("name"), "a taken name gets a number before the extension");
        assertEquals(id(docs), back.getString("parent"));

        drive.trash(u, id(back));
        drive.trash(u, id(docs));
        JsonObject toRoot = drive.expect(200, u, "POST", "/trash/" + id(a) + "/restore", null);
        assertEquals(id(drive.root(u)), toRoot.getString("parent"), "its folder is in the trash: root");
        assertEquals("a (1).txt", toRoot.getString("name"));
        drive.expectProblem(404, "not_found", u, "POST", "/trash/" + id(a) + "/restore", null);

        JsonObject gone = drive.createFolder(u, "root", "gone");
        drive.move(u, id(toRoot), id(gone));
        drive.trash(u, id(toRoot));
        drive.trash(u, id(gone));
        assertEquals(204, drive.send(u, "DELETE", "/trash/" + id(gone), null).status(), "its folder purged");
        JsonObject orphan = drive.expect(200, u, "POST", "/trash/" + id(a) + "/restore", null);
        assertEquals(id(drive.root(u)), orphan.getString("parent"), "its folder no longer exists: root");
    }

    @Test
    void theSeedsDeleteTrashesAndOnlyPurgeReleasesTheContent() {
        User u = client.newUser("seeddel");
        byte[] bytes = uniqueContent("seeddel", 500);
        String md5 = md5(bytes);
        assertEquals("008", client.uploadLegacy(u, "photo.jpg", bytes));
        String url = client.myFiles(u, "normal").get(0).getString("url");

        assertEquals("013", client.dealFile("del", u, md5, "photo.jpg"));
        assertEquals("014", client.dealFile("del", u, md5, "photo.jpg"), "a trashed file is not the seed's any more");
        assertEquals(0, client.myCount(u));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5), "the trash still references the content");
        assertEquals(404, client.get(url).status(), "to the seed's protocol the content is gone");
        assertEquals("006", client.instant(u, md5, "photo.jpg"), "so instant upload does not find it");
        assertEquals(bytes.length, drive.expect(200, u, "GET", "/me", null).getJsonObject("quota")
                .getJsonNumber("used").longValue(), "the trash counts toward the quota");

        JsonObject item = drive.trashItems(u).get(0);
        assertEquals("photo.jpg", item.getString("name"));
        assertEquals(204, drive.send(u, "DELETE", "/trash/" + id(item), null).status());
        assertEquals(OptionalInt.empty(), Db.fileInfoCount(md5), "purged: the last reference went");
        assertEquals(0, drive.expect(200, u, "GET", "/me", null).getJsonObject("quota").getJsonNumber("used")
                .longValue());
        drive.expectProblem(404, "not_found", u, "DELETE", "/trash/" + id(item), null);
    }

    /**
     * The seed's commands on the user's own list (del, pv) mean the copy in root, the folder the desktop client lists,
     * even when a copy of the same md5 and name elsewhere is in the public list.
     */
    @Test
    void theSeedsDeleteAndPvMeanTheCopyInRoot() {
        User u = client.newUser("seedroot");
        byte[] bytes = uniqueContent("seedroot", 300);
        String md5 = md5(bytes);
        JsonObject folder = drive.createFolder(u, "root", "kept");
        JsonObject elsewhere = drive.uploadToRoot(u, "twin.txt", bytes);
        drive.move(u, id(elsewhere), id(folder));
        assertEquals("010", client.dealFile("share", u, md5, "twin.txt"));
        assertEquals("005", client.instant(u, md5, "twin.txt"), "a second copy, in root");

        assertEquals("016", client.dealFile("pv", u, md5, "twin.txt"));
        assertEquals(1, client.myFiles(u, "normal").get(0).getInt("pv"), "the root copy counted the download");
        assertEquals(0, drive.node(u, id(elsewhere)).getInt("downloads"));

        assertEquals("013", client.dealFile("del", u, md5, "twin.txt"));
        assertEquals(0, client.myCount(u), "the copy the desktop client listed went to the trash");
        assertEquals(List.of("twin.txt"), drive.names(u, id(folder), ""), "the other copy stays");
        assertTrue(drive.node(u, id(elsewhere)).getBoolean("shared"), "and stays in the public list");
    }

    @Test
    void aTrashedSharedFileLeavesThePublicListAtOnce() {
        User u = client.newUser("trashshare");
        byte[] bytes = uniqueContent("shared", 100);
        String name = CloudDiskClient.uniqueName("public") + ".txt";
        JsonObject folder = drive.createFolder(u, "root", "public");
        JsonObject file = drive.uploadToRoot(u, name, bytes);
        drive.move(u, id(file), id(folder));
        assertEquals("010", client.dealFile("share", u, md5(bytes), name));
        int shared = client.shareCount();

        drive.trash(u, id(folder));
        assertEquals(shared - 1, client.shareCount());
        assertTrue(client.allShared("pvdesc").stream().noneMatch(f -> f.getString("filename").equals(name)));
        assertEquals("011", client.dealFile("share", u, md5(bytes), name), "a file in the trash cannot be shared");
        drive.expect(200, u, "POST", "/trash/" + id(folder) + "/restore", null);
        assertFalse(drive.node(u, id(file)).getBoolean("shared"), "restoring does not share it again");
    }

    @Test
    void emptyingPurgesEverythingAndOthersTrashIsNotFound() throws InterruptedException {
        User u = client.newUser("empty");
        User other = client.newUser("empty-other");
        JsonObject folder = drive.createFolder(u, "root", "full");
        JsonObject file = drive.uploadToRoot(u, "f.bin", uniqueContent("f", 100));
        drive.move(u, id(file), id(folder));
        JsonObject loose = drive.uploadToRoot(u, "loose.bin", uniqueContent("loose", 100));
        drive.trash(u, id(folder));
        Thread.sleep(1100); // times are kept to the second
        drive.trash(u, id(loose));
        assertEquals(List.of("loose.bin", "full"), names(drive.trashItems(u)), "newest first");

        for (String path : List.of("/trash/" + id(folder), "/trash/" + id(loose))) {
            drive.expectProblem(404, "not_found", other, "DELETE", path, null);
            drive.expectProblem(404, "not_found", other, "POST", path + "/restore", null);
        }
        for (String bad : List.of("root", "x", "d", "f-1", "d99999999999", id(drive.createFolder(u, "root", "live")))) {
            drive.expectProblem(404, "not_found", u, "POST", "/trash/" + bad + "/restore", null);
            drive.expectProblem(404, "not_found", u, "DELETE", "/trash/" + bad, null);
        }
        drive.expectProblem(400, "invalid", u, "DELETE", "/nodes/root", null);
        drive.expectProblem(400, "invalid", u, "GET", "/trash?offset=-1", null);
        drive.expectProblem(401, "unauthorized", null, "GET", "/trash", null);

        assertEquals(204, drive.send(u, "DELETE", "/trash", null).status());
        assertEquals(List.of(), drive.trashItems(u));
        assertEquals(0, drive.expect(200, u, "GET", "/trash", null).getInt("total"));
        assertEquals(2, Db.number("select count(*) from user_folder where user = ?", u.name()), "root and live");
        assertEquals(0, Db.userFiles(u.name()));
    }

    /** Nodes trashed in the same second (a multi-select delete) page like any others: each once, in one order. */
    @Test
    void pagesOfNodesTrashedInTheSameSecondHoldEachNodeOnce() {
        User u = client.newUser("same-second");
        List<String> trashed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trashed.add(id(drive.createFolder(u, "root", "folder" + i)));
            trashed.add(id(drive.uploadToRoot(u, "file" + i + ".bin", uniqueContent("same-second" + i, 100))));
        }
        trashed.forEach(node -> drive.trash(u, node));
        // one second for all, a minute ago: well inside the retention, which the maintenance timer keeps purging by
        String second = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now().minusMinutes(1)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).toString();
        Db.update("update user_folder set trashed_at = ? where user = ? and trashed_at is not null", second, u.name());
        Db.update("update user_file_list set trashed_at = ? where user = ? and trashed_at is not null", second,
                u.name());

        List<String> whole = drive.trashItems(u).stream().map(DriveClient::id).toList();
        assertEquals(Set.copyOf(trashed), Set.copyOf(whole));
        assertEquals(trashed.size(), whole.size());
        for (int limit : new int[] {1, 2, 4}) {
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < trashed.size(); offset += limit) {
                JsonObject page = drive.expect(200, u, "GET", "/trash?offset=" + offset + "&limit=" + limit, null);
                assertEquals(trashed.size(), page.getInt("total"));
                page.getJsonArray("items").getValuesAs(JsonValue::asJsonObject).forEach(n -> paged.add(id(n)));
            }
            assertEquals(whole, paged, "pages of " + limit + " in the order of the whole list");
        }
        JsonObject beyond = drive.expect(200, u, "GET", "/trash?offset=2147483600&limit=100", null);
        assertEquals(List.of(), beyond.getJsonArray("items"), "an offset past everything: an empty page");
        assertEquals(trashed.size(), beyond.getInt("total"));
    }

    @Test
    void theTimerPurgesWhatWasTrashedLongerAgoThanTheRetention() throws InterruptedException {
        User u = client.newUser("expired");
        byte[] old = uniqueContent("old", 100);
        JsonObject expired = drive.uploadToRoot(u, "old.bin", old);
        JsonObject recent = drive.uploadToRoot(u, "recent.bin", uniqueContent("recent", 100));
        drive.trash(u, id(expired));
        drive.trash(u, id(recent));
        Db.update("update user_file_list set trashed_at = trashed_at - interval 31 day where id = ?",
                Long.parseLong(id(expired).substring(1)));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Db.fileInfoCount(md5(old)).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(OptionalInt.empty(), Db.fileInfoCount(md5(old)), "purged by the maintenance timer");
        assertEquals(List.of("recent.bin"), names(drive.trashItems(u)), "the recent item stays");
    }

    /** Deletes, restores, purges and moves racing on one tree: every answer is a defined one, nothing is lost. */
    @Test
    void trashRestoreAndPurgeRacingOnOneTreeKeepEveryInvariant() {
        User u = client.newUser("trashrace");
        List<String> nodes = new ArrayList<>();
        String parent = "root";
        for (int depth = 0; depth < 4; depth++) {
            JsonObject folder = drive.createFolder(u, parent, "level" + depth);
            nodes.add(id(folder));
            JsonObject file = drive.uploadToRoot(u, "file" + depth + ".bin", uniqueContent("race", 64));
            drive.move(u, id(file), id(folder));
            nodes.add(id(file));
            parent = id(folder);
        }
        Set<Integer> defined = Set.of(200, 204, 404, 409);
        CloudDiskClient.concurrently(48, i -> {
            String node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
            Answer a = switch (i % 4) {
                case 0 -> drive.send(u, "DELETE", "/nodes/" + node, null);
                case 1 -> drive.send(u, "POST", "/trash/" + node + "/restore", null);
                case 2 -> drive.send(u, "DELETE", "/trash/" + node, null);
                default -> drive.send(u, "PATCH", "/nodes/" + node, CloudDiskClient.json("parent", "root").toString());
            };
            assertTrue(defined.contains(a.status()), a.status() + " " + a.text());
            return a.status();
        });
    }
}
