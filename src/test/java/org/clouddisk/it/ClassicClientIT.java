package org.clouddisk.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.clouddisk.files.UploadPermits;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.clouddisk.it.ClassicClient.qtJson;
import static org.clouddisk.it.ClassicClient.uploadBody;
import static org.clouddisk.it.CloudDiskClient.uniqueName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classic desktop client's dialect (docs/CLASSIC-DIALECT.md): its exact requests, byte for byte, as they reach
 * WildFly from nginx's classic server block (which adds the dialect header and the client's address), through a
 * whole session; then the attacks its missing tokens invite.
 */
class ClassicClientIT extends Deployments {

    /** The MD5 hex of "123456": the client sends the password so. */
    private static final String SECRET = "e10adc3949ba59abbe56e057f20f883e";
    private static final List<String> ITEM_FIELDS =
            List.of("user", "md5", "create_time", "file_name", "share_status", "pv", "url", "size", "type");

    private final int port = Integer.getInteger("it.http.port");

    /** A registered, logged-in classic client at its own address. */
    private record Person(String name, String token, ClassicClient client) {
        String md5(String md5, String fileName) {
            return client.code("/md5", qtJson("fileName", fileName, "md5", md5, "token", token, "user", name));
        }

        String upload(String fileName, byte[] content) {
            return upload(fileName, CloudDiskClient.md5(content), content);
        }

        String upload(String fileName, String md5, byte[] content) {
            return client.post("/upload", uploadBody(name, fileName, md5, content.length, content)).getString("code");
        }

        String dealFile(String cmd, String md5, String fileName) {
            return client.code("/dealfile?cmd=" + cmd, qtJson("filename", fileName, "md5", md5, "token", token, "user", name));
        }

        /** The client sends no token here. */
        String dealShareFile(String cmd, String md5, String fileName) {
            return client.code("/dealsharefile?cmd=" + cmd, qtJson("filename", fileName, "md5", md5, "user", name));
        }

        JsonArray myFiles() {
            return client.post("/myfiles?cmd=normal", qtJson("count", 10, "start", 0, "token", token, "user", name))
                    .getJsonArray("files");
        }

        String count() {
            JsonObject answer = client.post("/myfiles?cmd=count", qtJson("token", token, "user", name));
            assertEquals("110", answer.getString("code"));
            return answer.getString("num");
        }
    }

    private Person newPerson(String address) {
        ClassicClient client = ClassicClient.behindProxy(port, address);
        String name = uniqueName("qt");
        assertEquals("002", client.code("/reg", qtJson("email", name + "@example.com", "firstPwd", SECRET,
                "nickName", name, "phone", "13800000000", "userName", name)));
        JsonObject login = client.post("/login", qtJson("pwd", SECRET, "user", name));
        assertEquals("000", login.getString("code"));
        return new Person(name, login.getString("token"), client);
    }

    @Test
    void aWholeSessionOfTheDesktopClient() {
        Person mike = newPerson("198.51.100.10");
        Person yoyo = newPerson("198.51.100.11");
        assertEquals("0", mike.count());
        byte[] content = CloudDiskClient.uniqueContent("classic", 70_000);
        String md5 = CloudDiskClient.md5(content);
        String name = uniqueName("photo") + ".JPG";

        assertEquals("007", mike.md5(md5, name), "unknown content: upload it");
        assertEquals("008", mike.upload(name, content), "the token-less upload the /md5 answer allowed");
        assertEquals("1", mike.count());
        JsonObject item = mike.myFiles().getJsonObject(0);
        assertEquals(ITEM_FIELDS, List.copyOf(item.keySet()), "the classic client's field names, in its order");
        assertEquals(mike.name(), item.getString("user"));
        assertEquals(md5, item.getString("md5"));
        assertTrue(item.getString("create_time").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals(name, item.getString("file_name"));
        assertEquals(0, item.getInt("share_status"));
        assertEquals(0, item.getInt("pv"));
        assertEquals(content.length, item.getJsonNumber("size").longValue());
        assertEquals("jpg", item.getString("type"));
        assertArrayEquals(content, client.send("GET", item.getString("url"), null, null).body(), "downloads as uploaded");

        assertEquals("005", mike.md5(md5, name), "already owned");
        String copy = uniqueName("copy") + ".jpg";
        assertEquals("006", yoyo.md5(md5, copy), "instant upload done");
        assertEquals(copy, yoyo.myFiles().getJsonObject(0).getString("file_name"));

        long sharedBefore = Long.parseLong(mike.client().get("/sharefiles?cmd=count").trim());
        assertEquals("010", mike.dealFile("share", md5, name));
        assertEquals("012", mike.dealFile("share", md5, name));
        assertEquals(sharedBefore + 1, Long.parseLong(mike.client().get("/sharefiles?cmd=count").trim()));
        JsonObject shared = publicItem(mike.client(), md5, name);
        assertEquals(ITEM_FIELDS, List.copyOf(shared.keySet()));
        assertEquals(mike.name(), shared.getString("user"));
        assertEquals(1, shared.getInt("share_status"));

        assertEquals("016", mike.dealFile("pv", md5, name), "the owner's own download count");
        assertEquals(1, mike.myFiles().getJsonObject(0).getInt("pv"));
        assertEquals("016", yoyo.dealShareFile("pv", md5, name), "a public download, counted without a token");
        assertEquals("016", yoyo.dealShareFile("pv", md5, name));
        JsonObject ranked = rankingItem(mike.client(), name);
        assertEquals(List.of("filename", "pv"), List.copyOf(ranked.keySet()));
        assertEquals(2, ranked.getInt("pv"));

        assertEquals("020", yoyo.dealShareFile("save", md5, name), "saved from the address yoyo logged in from");
        assertEquals("021", yoyo.dealShareFile("save", md5, name));
        assertEquals("2", yoyo.count());
        assertEquals("018", mike.dealShareFile("cancel", md5, name), "cancelled from mike's login address");
        assertEquals("019", mike.dealShareFile("cancel", md5, name));
        assertNull(findPublic(mike.client(), md5, name));
        assertEquals("013", mike.dealFile("del", md5, name));
        assertEquals("0", mike.count());
        Invariants.assertHold();
    }

    @Test
    void listsAnswerTheClassicShapesAndCodes() {
        Person p = newPerson("198.51.100.12");
        assertEquals(Collections.emptyList(), p.myFiles(), "no files yet: {\"files\":[]}");
        assertEquals("111", p.client().code("/myfiles?cmd=normal",
                qtJson("count", 10, "start", 0, "token", p.token() + "x", "user", p.name())));
        assertEquals("015", p.client().code("/myfiles?cmd=normal",
                qtJson("count", 1000, "start", 0, "token", p.token(), "user", p.name())));
        assertEquals("015", p.client().code("/sharefiles?cmd=normal", qtJson("count", 0, "start", 0)));
        JsonObject ranking = p.client().post("/sharefiles?cmd=pvdesc", qtJson("count", 1, "start", 0));
        assertTrue(ranking.containsKey("files") && !ranking.containsKey("file"), ranking.toString());
    }

    @Test
    void aTokenlessUploadWithoutAPermitIsRefusedAndKeepsNothing() {
        Person p = newPerson("198.51.100.13");
        byte[] content = CloudDiskClient.uniqueContent("noperm", 20_000);
        assertEquals("111", p.upload("a.bin", content));
        assertEquals("0", p.count());
        assertEquals("007", p.md5(CloudDiskClient.md5(content), "a.bin"));
        assertEquals("111", p.upload("b.bin", content), "the permit names the file");
        Person other = newPerson("198.51.100.13");
        assertEquals("111", other.upload("a.bin", content), "and the user");
        assertEquals("0", other.count());
        Invariants.assertHold();
    }

    @Test
    void aPermitServesOneSuccessfulUploadOnly() {
        Person p = newPerson("198.51.100.14");
        byte[] content = CloudDiskClient.uniqueContent("once", 20_000);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("007", p.md5(md5, "once.bin"));
        byte[] forged = content.clone();
        forged[forged.length - 1] ^= 1;
        assertEquals("009", p.upload("once.bin", md5, forged), "bytes that do not match the md5");
        assertEquals("0", p.count());
        assertEquals("008", p.upload("once.bin", content), "the failed upload did not use the permit up");
        assertEquals("013", p.dealFile("del", md5, "once.bin"));
        assertEquals("111", p.upload("once.bin", content), "used up by the successful upload");
        assertEquals("0", p.count());
        Invariants.assertHold();
    }

    @Test
    void concurrentUploadsOnOnePermitStoreOnce() {
        Person p = newPerson("198.51.100.15");
        byte[] content = CloudDiskClient.uniqueContent("race", 300_000);
        assertEquals("007", p.md5(CloudDiskClient.md5(content), "race.bin"));
        List<String> codes = CloudDiskClient.concurrently(8, i -> p.upload("race.bin", content));
        assertEquals(1, Collections.frequency(codes, "008"), codes.toString());
        assertEquals(7, Collections.frequency(codes, "111"), codes.toString());
        assertEquals("1", p.count());
        Invariants.assertHold();
    }

    @Test
    void anExpiredPermitIsRefused() throws InterruptedException {
        Person p = newPerson("198.51.100.16");
        byte[] content = CloudDiskClient.uniqueContent("late", 20_000);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("007", p.md5(md5, "late.bin"));
        String key = "clouddisk:upload-permit:" + new UploadPermits.Subject(p.name(), md5, "late.bin").digest();
        assertEquals(1, TestEnvironment.redisClient().pexpire(key, 1), "the permit lives in Redis, where every node sees it");
        Thread.sleep(50);
        assertEquals("111", p.upload("late.bin", content));
        assertEquals("0", p.count());
    }

    @Test
    void cancelAndSaveWithoutATokenOnlyFromTheAddressOfALiveLogin() {
        Person owner = newPerson("198.51.100.17");
        Person saver = newPerson("198.51.100.18");
        byte[] content = CloudDiskClient.uniqueContent("addr", 20_000);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("007", owner.md5(md5, "addr.bin"));
        assertEquals("008", owner.upload("addr.bin", content));
        assertEquals("010", owner.dealFile("share", md5, "addr.bin"));

        var elsewhere = ClassicClient.behindProxy(port, "203.0.113.66");
        String body = qtJson("filename", "addr.bin", "md5", md5, "user", owner.name());
        assertEquals("111", elsewhere.code("/dealsharefile?cmd=cancel", body), "not an address the owner logged in from");
        assertEquals("111", elsewhere.code("/dealsharefile?cmd=save",
                qtJson("filename", "addr.bin", "md5", md5, "user", saver.name())));
        var spoofing = new ClassicClient(port, "127.0.0.2", "X-CloudDisk-Dialect: classic", "X-Real-IP: 198.51.100.17");
        assertEquals("111", spoofing.code("/dealsharefile?cmd=cancel", body), "forwarding headers from a non-proxy count for nothing");
        var direct = new ClassicClient(port, "127.0.0.1", "X-CloudDisk-Dialect: classic");
        assertEquals("111", direct.code("/dealsharefile?cmd=cancel", body), "the proxy's own address is no login address");
        assertEquals("111", owner.client().code("/dealsharefile?cmd=cancel",
                qtJson("filename", "addr.bin", "md5", md5, "user", uniqueName("nobody"))));
        assertNotNull(findPublic(owner.client(), md5, "addr.bin"), "still shared");
        assertEquals("1", owner.count());
        assertEquals("0", saver.count());

        assertEquals("020", saver.dealShareFile("save", md5, "addr.bin"));
        assertEquals("018", owner.dealShareFile("cancel", md5, "addr.bin"));
        Invariants.assertHold();
    }

    @Test
    void theSeedDialectStillWantsATokenAndSpeaksItsOwnCodes() {
        Person p = newPerson("198.51.100.19");
        byte[] content = CloudDiskClient.uniqueContent("seed", 20_000);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("007", p.md5(md5, "s.bin"));
        var seed = new ClassicClient(port, null, "X-Real-IP: 198.51.100.19");
        assertEquals("111", seed.post("/upload", uploadBody(p.name(), "s.bin", md5, content.length, content)).getString("code"));
        assertEquals("006", seed.code("/md5", qtJson("fileName", "s.bin", "md5", md5, "token", p.token(), "user", p.name())));
        var untrusted = new ClassicClient(port, "127.0.0.2", "X-CloudDisk-Dialect: classic");
        assertEquals("006", untrusted.code("/md5", qtJson("fileName", "s.bin", "md5", md5, "token", p.token(), "user", p.name())),
                "only a trusted proxy picks the dialect");
        assertEquals("111", seed.code("/dealsharefile?cmd=save", qtJson("filename", "s.bin", "md5", md5, "user", p.name())));
        var askingForSeed = new ClassicClient(port, "127.0.0.2", "X-CloudDisk-Dialect: seed");
        assertEquals("006", askingForSeed.code("/md5", qtJson("fileName", "s.bin", "md5", md5, "token", p.token(), "user", p.name())),
                "any client may ask for the seed dialect");
        assertEquals("008", p.upload("s.bin", content), "the permit was left for the classic upload");
    }

    @Test
    void aBadMd5RequestSendsTheClassicClientToAnUploadNeverToDone() {
        Person p = newPerson("198.51.100.20");
        assertEquals("007", p.client().code("/md5", "{\n    \"fileName\": \"x\",\n    \"md5\": \"nothex\"\n}\n"));
        assertEquals("007", p.client().code("/md5", "not json"));
        assertEquals("111", p.client().code("/md5", qtJson("fileName", "x", "md5", "0123456789abcdef0123456789abcdef",
                "token", "forged", "user", p.name())));
    }

    /** The public list's item for this file, from any page. */
    private static JsonObject findPublic(ClassicClient client, String md5, String name) {
        for (int start = 0; ; start += 100) {
            JsonObject page = client.post("/sharefiles?cmd=normal", qtJson("count", 100, "start", start));
            if (!page.containsKey("files") || page.getJsonArray("files").isEmpty()) {
                return null;
            }
            for (JsonObject item : page.getJsonArray("files").getValuesAs(JsonObject.class)) {
                if (item.getString("md5").equals(md5) && item.getString("file_name").equals(name)) {
                    return item;
                }
            }
        }
    }

    private static JsonObject publicItem(ClassicClient client, String md5, String name) {
        JsonObject item = findPublic(client, md5, name);
        assertNotNull(item, "shared file not in the public list");
        return item;
    }

    private static JsonObject rankingItem(ClassicClient client, String name) {
        for (int start = 0; ; start += 100) {
            JsonArray page = client.post("/sharefiles?cmd=pvdesc", qtJson("count", 100, "start", start)).getJsonArray("files");
            assertTrue(page != null && !page.isEmpty(), name + " not in the ranking");
            for (JsonObject item : page.getValuesAs(JsonObject.class)) {
                if (item.getString("filename").equals(name)) {
                    return item;
                }
            }
        }
    }
}
