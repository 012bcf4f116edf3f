package org.clouddisk.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.DriveClient.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Share links (API.md, "Share links"): the owner's side, the public side, and every failure answer. */
class LinksIT extends Deployments {

    private final DriveClient drive = new DriveClient(client);

    @ArquillianResource
    ManagementClient management;

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    // --- helpers ---

    private JsonObject create(User u, String body) {
        Answer a = drive.send(u, "POST", "/links", body);
        assertEquals(201, a.status(), a.text());
        JsonObject link = a.json().asJsonObject();
        assertTrue(a.header("Location").endsWith("/api/v2/links/" + link.getString("id")), a.header("Location"));
        return link;
    }

    private JsonObject link(User u, String node) {
        return create(u, json("node", node).toString());
    }

    private JsonObject passwordLink(User u, String node, String password) {
        return create(u, json("node", node, "password", password).toString());
    }

    /** A public request: no Authorization header. */
    private Answer pub(String method, String path, String... headers) {
        return drive.send(null, method, "/public/links/" + path, null, headers);
    }

    private Answer get(String path, String... headers) {
        return pub("GET", path, headers);
    }

    private Answer unlock(String linkId, String password, String... headers) {
        return drive.unlock(linkId, password, headers);
    }

    private String access(String linkId, String password) {
        Answer a = unlock(linkId, password);
        assertEquals(200, a.status(), a.text());
        assertEquals(3600, a.json().asJsonObject().getInt("expires_in"));
        return a.json().asJsonObject().getString("access");
    }

    private JsonObject listed(User u, String linkId) {
        return drive.expect(200, u, "GET", "/links?limit=1000", null).getJsonArray("items")
                .getValuesAs(JsonValue::asJsonObject).stream().filter(l -> l.getString("id").equals(linkId))
                .findFirst().orElseThrow(() -> new AssertionError(linkId + " is not listed"));
    }

    /** A 410 whose reason member says which kind of gone it is (the public page words each differently). */
    private void gone(String path, String reason) {
        assertEquals(reason, drive.expectProblem(410, "gone", get(path)).getString("reason"));
    }

    private static String future(Duration ahead) {
        return Instant.now().plus(ahead).toString();
    }

    // --- the owner's side ---

    @Test
    void aFileLinkServesTheFileToAnybodyAndCountsDownloadsFromTheFirstByte() {
        User u = client.newUser("link");
        byte[] content = uniqueContent("linked", 5000);
        String file = id(drive.uploadToRoot(u, "report.pdf", content));
        JsonObject link = link(u, file);
        String id = link.getString("id");
        assertTrue(id.matches("[A-Za-z0-9_-]{22,}"), "at least 128 random bits, URL-safe: " + id);
        assertEquals(client.base() + "/s/" + id, link.getString("url"));
        assertEquals(file, link.getString("node"));
        assertEquals(JsonValue.NULL, link.get("expires"));
        assertEquals(JsonValue.NULL, link.get("max_downloads"));
        assertEquals(0, link.getInt("downloads"));
        assertFalse(link.getBoolean("has_password"));
        assertTrue(link.getString("created").endsWith("Z"));
        assertEquals("active", link.getString("state"));

        JsonObject shown = get(id).json().asJsonObject();
        assertEquals("report.pdf", shown.getString("name"));
        assertEquals("file", shown.getString("kind"));
        assertEquals(content.length, shown.getInt("size"));
        assertFalse(shown.getBoolean("has_password"));
        assertEquals(JsonValue.NULL, shown.get("expires"));

        Answer whole = get(id + "/content");
        assertEquals(200, whole.status(), whole.text());
        assertArrayEquals(content, whole.body());
        assertEquals('"' + md5(content) + '"', whole.header("ETag"));
        assertTrue(whole.header("Content-Disposition").contains("report.pdf"));
        Answer part = get(id + "/content", "Range", "bytes=100-199");
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(content, 100, 200), part.body());
        assertEquals("bytes 100-199/" + content.length, part.header("Content-Range"));
        assertEquals(416, get(id + "/content", "Range", "bytes=99999-").status());
        Answer head = pub("HEAD", id + "/content");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(content.length), head.header("Content-Length"));
        assertEquals(304, get(id + "/content", "If-None-Match", whole.header("ETag")).status());
        assertEquals(1, listed(u, id).getInt("downloads"), "a continuing range, HEAD, 304 and 416 count nothing");
        assertEquals(206, get(id + "/content", "Range", "bytes=0-9").status());
        assertEquals(2, listed(u, id).getInt("downloads"), "a range from the first byte is a new download");
        assertEquals(2, drive.node(u, file).getInt("downloads"), "the file's own count follows");
    }

    @Test
    void theOwnerListsAndRevokesLinksAndNobodyElseCan() {
        User u = client.newUser("link");
        User other = client.newUser("link");
        String file = id(drive.uploadToRoot(u, "a.txt", uniqueContent("a", 100)));
        String folder = id(drive.createFolder(u, "root", "pics"));
        String first = link(u, file).getString("id");
        String second = link(u, folder).getString("id");
        JsonObject page = drive.expect(200, u, "GET", "/links", null);
        assertEquals(2, page.getInt("total"));
        List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertEquals(List.of(second, first).stream().sorted().toList(),
                items.stream().map(l -> l.getString("id")).sorted().toList());
        assertEquals("pics", listed(u, second).getString("name"));
        assertEquals("folder", listed(u, second).getString("kind"));
        JsonObject one = drive.expect(200, u, "GET", "/links?offset=1&limit=1", null);
        assertEquals(1, one.getJsonArray("items").size());
        assertEquals(2, one.getInt("total"));
        assertEquals(0, drive.expect(200, other, "GET", "/links", null).getInt("total"), "links are their owner's");

        drive.expectProblem(404, "not_found", other, "DELETE", "/links/" + first, null);
        assertEquals(200, get(first).status(), "another user's revoke changed nothing");
        assertEquals(204, drive.send(u, "DELETE", "/links/" + first, null).status());
        gone(first, "revoked");
        gone(first + "/content", "revoked");
        assertEquals("revoked", listed(u, first).getString("state"));
        assertEquals(204, drive.send(u, "DELETE", "/links/" + first, null).status(), "revoking again changes nothing");
        drive.expectProblem(404, "not_found", u, "DELETE", "/links/AAAAAAAAAAAAAAAAAAAAAA", null);
        drive.expectProblem(404, "not_found", u, "DELETE", "/links/x'y", null);
        drive.expectProblem(401, "unauthorized", null, "GET", "/links", null);
        drive.expectProblem(401, "unauthorized", null, "POST", "/links", json("node", file).toString());
        drive.expectProblem(401, "unauthorized", null, "DELETE", "/links/" + second, null);
        drive.expectProblem(400, "invalid", u, "GET", "/links?limit=0", null);
    }

    @Test
    void creationRefusesForeignTrashedAndMalformedInput() {
        User u = client.newUser("link");
        User other = client.newUser("link");
        String file = id(drive.uploadToRoot(u, "a.txt", uniqueContent("a", 100)));
        String foreign = id(drive.uploadToRoot(other, "b.txt", uniqueContent("b", 100)));
        String foreignFolder = id(drive.createFolder(other, "root", "theirs"));
        String trashed = id(drive.uploadToRoot(u, "t.txt", uniqueContent("t", 100)));
        drive.trash(u, trashed);
        String folder = id(drive.createFolder(u, "root", "dir"));
        String inTrashedFolder = id(drive.createFolder(u, folder, "inner"));
        drive.trash(u, folder);

        for (String node : List.of(foreign, foreignFolder, trashed, inTrashedFolder, "f999999999", "nonsense", "")) {
            drive.expectProblem(node.isEmpty() ? 400 : 404, node.isEmpty() ? "invalid" : "not_found", u, "POST",
                    "/links", json("node", node).toString());
        }
        String[] bad = {
                "{}", "not json", "[]", "{\"node\":42}",
                json("node", file, "password", "").toString(),
                json("node", file, "password", "p".repeat(257)).toString(),
                json("node", file, "expires", "tomorrow").toString(),
                json("node", file, "expires", "2020-01-01T00:00:00Z").toString(),
                json("node", file, "expires", "9999-12-31T00:00:00Z").toString(),
                json("node", file, "max_downloads", 0).toString(),
                json("node", file, "max_downloads", -1).toString(),
                json("node", file, "max_downloads", "ten").toString(),
                "{\"node\":\"" + file + "\",\"max_downloads\":3000000000}",
        };
        for (String body : bad) {
            drive.expectProblem(400, "invalid", u, "POST", "/links", body);
        }
        assertEquals(0, drive.expect(200, u, "GET", "/links", null).getInt("total"), "nothing half-written");
        JsonObject fine = create(u, "{\"node\":\"" + file + "\",\"password\":null,\"expires\":null,\"max_downloads\":null}");
        assertFalse(fine.getBoolean("has_password"));
        JsonObject root = link(u, "root");
        assertEquals(id(drive.root(u)), root.getString("node"), "root is linked by its id");
        JsonObject limited = create(u, json("node", file, "max_downloads", 3, "expires", "2099-01-02T03:04:05Z").toString());
        assertEquals(3, limited.getInt("max_downloads"));
        assertEquals("2099-01-02T03:04:05Z", limited.getString("expires"));
    }

    // --- passwords and access tokens ---

    @Test
    void aPasswordLinkNeedsTheAccessTokenItsPasswordGives() throws Exception {
        User u = client.newUser("link");
        byte[] content = uniqueContent("secret", 3000);
        String file = id(drive.uploadToRoot(u, "secret.bin", content));
        String expires = future(Duration.ofDays(7)).replaceAll("\\.\\d+", "");
        JsonObject link = create(u, json("node", file, "password", "open sesame", "expires", expires).toString());
        String id = link.getString("id");
        assertTrue(link.getBoolean("has_password"));
        assertEquals(expires, link.getString("expires"));
        String stored = passwordHash(id);
        assertTrue(stored.startsWith("pbkdf2-sha256$") && !stored.contains("open sesame"), "a salted slow hash");

        drive.expectProblem(401, "password_required", get(id));
        drive.expectProblem(401, "password_required", get(id + "/content"));
        drive.expectProblem(401, "password_required", get(id + "/thumbnail"));
        drive.expectProblem(401, "password_required", unlock(id, "Open sesame"));
        drive.expectProblem(400, "invalid", unlock(id, "x".repeat(257)));
        drive.expectProblem(400, "invalid", drive.send(null, "POST", "/public/links/" + id + "/unlock", "{}"));
        drive.expectProblem(400, "invalid", drive.send(null, "POST", "/public/links/" + id + "/unlock", "nope"));

        String access = access(id, "open sesame");
        JsonObject shown = get(id + "?access=" + access).json().asJsonObject();
        assertEquals("secret.bin", shown.getString("name"));
        assertTrue(shown.getBoolean("has_password"));
        assertEquals(expires, shown.getString("expires"));
        Answer bytes = get(id + "/content?access=" + access);
        assertEquals(200, bytes.status(), bytes.text());
        assertArrayEquals(content, bytes.body());

        // forged: a changed signature, a changed expiry, garbage, and the token of another link with the same password
        String[] parts = access.split("\\.");
        char last = parts[1].charAt(parts[1].length() - 1);
        String flipped = parts[0] + "." + parts[1].substring(0, parts[1].length() - 1) + (last == 'A' ? 'B' : 'A');
        String later = (Long.parseLong(parts[0]) + 86400) + "." + parts[1];
        String otherLink = passwordLink(u, file, "open sesame").getString("id");
        String othersAccess = access(otherLink, "open sesame");
        assertEquals(200, get(otherLink + "?access=" + othersAccess).status());
        for (String forged : List.of(flipped, later, "garbage", "1.2", othersAccess, access + access)) {
            drive.expectProblem(401, "password_required", get(id + "?access=" + forged));
            drive.expectProblem(401, "password_required", get(id + "/content?access=" + forged));
        }
        // expired: signed exactly as the server signs, with the link's stored hash, but its time has passed
        long past = Instant.now().minusSeconds(5).getEpochSecond();
        String expired = past + "." + sign(id, stored, past);
        String valid = Instant.now().plusSeconds(600).getEpochSecond() + "." + sign(id, stored,
                Instant.now().plusSeconds(600).getEpochSecond());
        assertEquals(200, get(id + "?access=" + valid).status(), "the test signs as the server does");
        drive.expectProblem(401, "password_required", get(id + "?access=" + expired));

        String open = link(u, file).getString("id");
        drive.expectProblem(400, "invalid", unlock(open, "anything"));
        assertEquals(0, listed(u, otherLink).getInt("downloads"));
        assertEquals(1, listed(u, id).getInt("downloads"));
    }

    @Test
    void aPasswordFolderLinkNeedsItsTokenForEveryRequest() {
        User u = client.newUser("link");
        String folder = id(drive.createFolder(u, "root", "locked"));
        byte[] content = uniqueContent("inside", 1000);
        String file = id(drive.uploadToRoot(u, "inside.txt", content));
        drive.move(u, file, folder);
        String id = passwordLink(u, folder, "pw").getString("id");
        for (String path : List.of("", "/children", "/children?folder=" + folder, "/nodes/" + file + "/content",
                "/nodes/" + file + "/thumbnail")) {
            drive.expectProblem(401, "password_required", get(id + path));
        }
        String access = access(id, "pw");
        JsonObject shown = get(id + "?access=" + access).json().asJsonObject();
        assertEquals("folder", shown.getString("kind"));
        assertFalse(shown.containsKey("size"), "a folder has no size");
        assertEquals(1, get(id + "/children?access=" + access).json().asJsonObject().getInt("total"));
        assertArrayEquals(content, get(id + "/nodes/" + file + "/content?access=" + access).body());
        drive.expectProblem(404, "not_found", unlock("AAAAAAAAAAAAAAAAAAAAAA", "pw"));
        assertEquals(204, drive.send(u, "DELETE", "/links/" + id, null).status());
        drive.expectProblem(410, "gone", unlock(id, "pw"));
        drive.expectProblem(410, "gone", get(id + "/children?access=" + access));
    }

    @Test
    void wrongPasswordsAreThrottledPerLinkAndAddress() {
        User u = client.newUser("link");
        String file = id(drive.uploadToRoot(u, "t.txt", uniqueContent("t", 100)));
        String id = passwordLink(u, file, "right").getString("id");
        String other = passwordLink(u, file, "right").getString("id");
        String address = "198.51.100." + (1 + (int) (Math.random() * 250)); // the tests connect from a trusted proxy
        for (int i = 0; i < 10; i++) {
            drive.expectProblem(401, "password_required", unlock(id, "wrong" + i, "X-Real-IP", address));
        }
        drive.expectProblem(429, "too_many_requests", unlock(id, "wrong again", "X-Real-IP", address));
        drive.expectProblem(429, "too_many_requests", unlock(id, "right", "X-Real-IP", address));
        assertEquals(200, unlock(other, "right", "X-Real-IP", address).status(), "another link is not throttled");
        assertEquals(200, unlock(id, "right", "X-Real-IP", "203.0.113.9").status(), "another address is not throttled");
        // the count lives in Redis, where every node of a cluster reads it, not in the server's memory
        String key = "clouddisk:link-attempts:" + id + "|" + address;
        try (RedisClient redis = TestEnvironment.redisClient()) {
            assertEquals("10", redis.get(key));
            redis.del(key);
        }
        assertEquals(200, unlock(id, "right", "X-Real-IP", address).status(), "unblocked once Redis forgot the count");
    }

    @Test
    void passwordsAreNotCheckedWhileTheirAttemptsCannotBeCounted() throws Exception {
        User u = client.newUser("link");
        String file = id(drive.uploadToRoot(u, "t.txt", uniqueContent("t", 100)));
        String id = passwordLink(u, file, "right").getString("id");
        TestEnvironment.redis().stop();
        try {
            drive.expectProblem(503, "unavailable", unlock(id, "wrong"));
            Answer right = unlock(id, "right");
            drive.expectProblem(503, "unavailable", right);
            assertEquals("5", right.header("Retry-After"));
        } finally {
            TestEnvironment.redis().start();
        }
        assertEquals(200, unlock(id, "right").status(), "unlocking works again once Redis is back");
    }

    // --- gone ---

    @Test
    void expiredAndUsedUpLinksAreGone() {
        User u = client.newUser("link");
        byte[] content = uniqueContent("once", 2000);
        String file = id(drive.uploadToRoot(u, "once.txt", content));
        String folder = id(drive.createFolder(u, "root", "f"));
        String expiring = create(u, json("node", folder, "expires", future(Duration.ofHours(1))).toString()).getString("id");
        assertEquals(200, get(expiring + "/children").status());
        assertEquals(1, Db.update("update share_link set expires_at = ? where id = ?",
                java.time.LocalDateTime.now().minusSeconds(1), expiring));
        gone(expiring, "expired");
        gone(expiring + "/children", "expired");
        assertEquals("expired", listed(u, expiring).getString("state"));

        String once = create(u, json("node", file, "max_downloads", 1).toString()).getString("id");
        assertEquals(206, get(once + "/content", "Range", "bytes=10-19").status(), "not counted");
        Answer first = get(once + "/content");
        assertEquals(200, first.status());
        assertArrayEquals(content, first.body());
        gone(once + "/content", "used_up");
        gone(once, "used_up");
        gone(once + "/thumbnail", "used_up");
        assertEquals(410, pub("HEAD", once + "/content").status());
        JsonObject listed = listed(u, once);
        assertEquals("used_up", listed.getString("state"));
        assertEquals(1, listed.getInt("downloads"));
        drive.expectProblem(404, "not_found", get("AAAAAAAAAAAAAAAAAAAAAA"));
        drive.expectProblem(404, "not_found", get("AAAAAAAAAAAAAAAAAAAAAA/content"));
        drive.expectProblem(404, "not_found", get("short"));
        drive.expectProblem(404, "not_found", get("%27%20or%201=1"));
    }

    @Test
    void aTrashedNodesLinkIsGoneUntilRestoredButARevokedOneStaysGone() {
        User u = client.newUser("link");
        String folder = id(drive.createFolder(u, "root", "album"));
        String file = id(drive.uploadToRoot(u, "p.txt", uniqueContent("p", 100)));
        drive.move(u, file, folder);
        String fileLink = link(u, file).getString("id");
        String folderLink = link(u, folder).getString("id");
        String revoked = link(u, file).getString("id");
        drive.trash(u, folder); // the file goes with it
        gone(fileLink, "node_deleted");
        gone(fileLink + "/content", "node_deleted");
        gone(folderLink + "/children", "node_deleted");
        assertEquals("node_deleted", listed(u, fileLink).getString("state"));
        assertEquals(204, drive.send(u, "DELETE", "/links/" + revoked, null).status());
        drive.expect(200, u, "POST", "/trash/" + folder + "/restore", null);
        assertEquals(200, get(fileLink + "/content").status(), "restoring revives the link");
        assertEquals(200, get(folderLink + "/children").status());
        gone(revoked, "revoked");
        assertEquals("revoked", listed(u, revoked).getString("state"));
        drive.trash(u, folder);
        assertEquals(204, drive.send(u, "DELETE", "/trash/" + folder, null).status());
        gone(fileLink, "node_deleted");
        gone(folderLink, "node_deleted");
        assertEquals("node_deleted", listed(u, folderLink).getString("state"));
    }

    // --- folders ---

    @Test
    void aFolderLinkBrowsesItsSubtreeAndNothingElse() {
        User u = client.newUser("link");
        User other = client.newUser("link");
        String shared = id(drive.createFolder(u, "root", "shared"));
        String sub = id(drive.createFolder(u, shared, "sub"));
        byte[] aBytes = uniqueContent("a", 500);
        byte[] bBytes = uniqueContent("b", 700);
        String a = id(drive.uploadToRoot(u, "a.txt", aBytes));
        String b = id(drive.uploadToRoot(u, "b.txt", bBytes));
        String secret = id(drive.uploadToRoot(u, "secret.txt", uniqueContent("s", 100)));
        String trashed = id(drive.uploadToRoot(u, "trashed.txt", uniqueContent("t", 100)));
        String trashedFolder = id(drive.createFolder(u, sub, "old"));
        drive.move(u, a, shared);
        drive.move(u, b, sub);
        drive.move(u, trashed, shared);
        drive.trash(u, trashed);
        drive.trash(u, trashedFolder);
        String foreign = id(drive.uploadToRoot(other, "x.txt", uniqueContent("x", 100)));
        String id = link(u, shared).getString("id");

        JsonObject shown = get(id).json().asJsonObject();
        assertEquals("folder", shown.getString("kind"));
        assertEquals(shared, shown.getString("node"));
        JsonObject top = get(id + "/children").json().asJsonObject();
        assertEquals(2, top.getInt("total"));
        List<JsonObject> items = top.getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertEquals(List.of("sub", "a.txt"), items.stream().map(n -> n.getString("name")).toList(), "folders first");
        assertFalse(items.get(1).containsKey("downloads"), "the owner's counts are not shown");
        assertEquals(aBytes.length, items.get(1).getInt("size"));
        assertEquals(top, get(id + "/children?folder=" + shared).json().asJsonObject());
        JsonObject page = get(id + "/children?offset=1&limit=1").json().asJsonObject();
        assertEquals("a.txt", page.getJsonArray("items").getJsonObject(0).getString("name"));
        List<String> inSub = get(id + "/children?folder=" + sub).json().asJsonObject().getJsonArray("items")
                .getValuesAs(JsonValue::asJsonObject).stream().map(n -> n.getString("name")).toList();
        assertEquals(List.of("b.txt"), inSub, "the trashed folder is not listed");

        assertArrayEquals(bBytes, get(id + "/nodes/" + b + "/content").body());
        assertArrayEquals(aBytes, get(id + "/nodes/" + a + "/content").body());
        assertEquals(200, pub("HEAD", id + "/nodes/" + a + "/content").status());
        assertEquals(2, listed(u, id).getInt("downloads"), "each file download counts toward the link");

        String root = id(drive.root(u));
        for (String outside : List.of(root, "root", secret, trashedFolder, foreign, "d0", "junk", a)) {
            drive.expectProblem(404, "not_found", get(id + "/children?folder=" + outside));
        }
        for (String outside : List.of(secret, trashed, foreign, sub, shared, "root", "f0", "junk")) {
            drive.expectProblem(404, "not_found", get(id + "/nodes/" + outside + "/content"));
        }
        drive.expectProblem(404, "not_found", get(id + "/content"));
        drive.expectProblem(400, "invalid", get(id + "/children?limit=0"));
        drive.expectProblem(400, "invalid", get(id + "/children?offset=-1"));

        drive.move(u, sub, "root"); // moved out of the shared folder: out of the link
        drive.expectProblem(404, "not_found", get(id + "/children?folder=" + sub));
        drive.expectProblem(404, "not_found", get(id + "/nodes/" + b + "/content"));
        assertEquals(2, listed(u, id).getInt("downloads"), "refused requests count nothing");

        String fileLink = link(u, a).getString("id");
        drive.expectProblem(404, "not_found", get(fileLink + "/children"));
        assertArrayEquals(aBytes, get(fileLink + "/nodes/" + a + "/content").body(), "a file link's own node");
        drive.expectProblem(404, "not_found", get(fileLink + "/nodes/" + secret + "/content"));
    }

    // --- thumbnails ---

    @Test
    void thumbnailsThroughLinks() throws IOException {
        User u = client.newUser("link");
        var picture = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 1, (int) (Math.random() * 0xffffff)); // content of its own
        var jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(picture, "jpg", jpeg));
        String photo = id(drive.uploadToRoot(u, "photo.jpg", jpeg.toByteArray()));
        String text = id(drive.uploadToRoot(u, "notes.txt", uniqueContent("n", 100)));
        String album = id(drive.createFolder(u, "root", "album"));
        drive.move(u, photo, album);
        drive.move(u, text, album);
        String fileLink = link(u, photo).getString("id");
        String folderLink = link(u, album).getString("id");

        Answer thumb = get(fileLink + "/thumbnail?size=64");
        assertEquals(200, thumb.status(), thumb.text());
        assertEquals("image/jpeg", thumb.header("Content-Type"));
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertEquals(64, small.getWidth());
        assertEquals(32, small.getHeight());
        assertEquals(304, get(fileLink + "/thumbnail?size=64", "If-None-Match", thumb.header("ETag")).status());
        Answer inFolder = get(folderLink + "/nodes/" + photo + "/thumbnail");
        assertEquals(200, inFolder.status());
        assertEquals(256, ImageIO.read(new ByteArrayInputStream(inFolder.body())).getWidth());
        drive.expectProblem(404, "not_found", get(folderLink + "/nodes/" + text + "/thumbnail"));
        drive.expectProblem(404, "not_found", get(folderLink + "/thumbnail"));
        drive.expectProblem(400, "invalid", get(fileLink + "/thumbnail?size=7"));
        assertEquals(0, listed(u, fileLink).getInt("downloads"), "thumbnails are no downloads");
    }

    // --- the deployment's rules ---

    @Test
    void theDeploymentCanRequirePasswordsAndCapExpiry() throws Exception {
        User u = client.newUser("link");
        String file = id(drive.uploadToRoot(u, "r.txt", uniqueContent("r", 100)));
        try {
            ServerProperties.set(management, "clouddisk.link.require.password", "true");
            drive.expectProblem(400, "invalid", u, "POST", "/links", json("node", file).toString());
            assertTrue(passwordLink(u, file, "pw").getBoolean("has_password"));

            ServerProperties.set(management, "clouddisk.link.max.days", "7");
            drive.expectProblem(400, "invalid", u, "POST", "/links", json("node", file, "password", "pw").toString());
            drive.expectProblem(400, "invalid", u, "POST", "/links",
                    json("node", file, "password", "pw", "expires", future(Duration.ofDays(8))).toString());
            assertNotEquals(JsonValue.NULL, create(u, json("node", file, "password", "pw",
                    "expires", future(Duration.ofDays(6))).toString()).get("expires"));
        } finally {
            ServerProperties.remove(management, "clouddisk.link.require.password");
            ServerProperties.remove(management, "clouddisk.link.max.days");
        }
        assertFalse(link(u, file).getBoolean("has_password"), "back to the defaults");
    }

    // --- plumbing ---

    private static String passwordHash(String linkId) throws Exception {
        try (Connection c = Invariants.connect();
             var s = c.prepareStatement("select password_hash from share_link where id = ?")) {
            s.setString(1, linkId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    /** The access token's signature as API.md's contract lets the server choose it (README, "Share links"). */
    private static String sign(String linkId, String passwordHash, long expiry) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256")
                .digest(("clouddisk share link access\0" + passwordHash).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((linkId + "\0" + expiry).getBytes(StandardCharsets.UTF_8)));
    }
}
