package org.clouddisk.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.DriveClient.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instant upload with proof of possession (API.md): {@code POST /api/v2/instant} and
 * {@code POST /api/v2/instant/{challenge}}. The proofs are computed here from the file's bytes, as a client does.
 * The test server's challenges live {@code clouddisk.instant.challenge.ttl} (pom.xml, it.server.tuning), short
 * enough to wait for one to expire.
 */
class InstantIT extends Deployments {

    private static final int MIB = 1 << 20;

    private final DriveClient drive = new DriveClient(client);

    @ArquillianResource
    ManagementClient management;

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    /** Content of {@code size} bytes that another user has uploaded, so the server holds it. */
    private byte[] held(String label, int size) {
        byte[] content = Arrays.copyOf(uniqueContent(label, size), size); // the unique label first, then random bytes
        assertEquals("008", client.uploadLegacy(client.newUser("holder"), label + ".bin", content));
        return content;
    }

    private static String request(String parent, String name, byte[] content) {
        return json("parent", parent, "name", name, "md5", md5(content), "size", content.length).toString();
    }

    private JsonObject challenge(User u, String parent, String name, byte[] content) {
        return drive.expect(200, u, "POST", "/instant", request(parent, name, content));
    }

    private Answer prove(User u, JsonObject challenge, String proof) {
        return drive.send(u, "POST", "/instant/" + challenge.getString("challenge"), json("proof", proof).toString());
    }

    /** The proof of API.md: HMAC-SHA256 keyed with the nonce's bytes over the ranges' bytes, in order. */
    static String proof(JsonObject challenge, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(challenge.getString("nonce")), "HmacSHA256"));
            for (JsonArray range : challenge.getJsonArray("ranges").getValuesAs(JsonArray.class)) {
                mac.update(content, range.getJsonNumber(0).intValueExact(), range.getJsonNumber(1).intValueExact());
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<long[]> ranges(JsonObject challenge) {
        return challenge.getJsonArray("ranges").getValuesAs(JsonArray.class).stream()
                .map(r -> new long[]{r.getJsonNumber(0).longValueExact(), r.getJsonNumber(1).longValueExact()}).toList();
    }

    private static long used(DriveClient drive, User u) {
        return drive.expect(200, u, "GET", "/me", null).getJsonObject("quota").getJsonNumber("used").longValue();
    }

    /**
     * CLOUDDISK_LEGACY_INSTANT_UPLOAD=false (read at every request): the seed's /md5 answers as for unknown content,
     * so the desktop client uploads the bytes; the proof of possession still adds the file.
     */
    @Test
    void withoutTheLegacyInstantUploadTheMd5AloneGetsNoFile() throws Exception {
        byte[] content = held("legacy-off", 2 * MIB);
        User u = client.newUser("legacyoff");
        try {
            ServerProperties.set(management, "clouddisk.legacy.instant.upload", "false");
            assertEquals("006", client.instant(u, md5(content), "named.bin"), "the md5 alone hands out nothing");
            assertEquals(0, client.myCount(u));
            JsonObject challenge = challenge(u, "root", "proven.bin", content);
            assertEquals(201, prove(u, challenge, proof(challenge, content)).status());
        } finally {
            ServerProperties.remove(management, "clouddisk.legacy.instant.upload");
        }
        assertEquals("005", client.instant(u, md5(content), "named.bin"), "back to the default");
        assertEquals(2, client.myCount(u));
    }

    @Test
    void aProofAddsTheFileToTheFolderAsAnUploadWould() {
        byte[] content = held("proven", 3 * MIB + 123);
        User u = client.newUser("instant");
        String folder = id(drive.createFolder(u, "root", "Photos"));
        JsonObject challenge = challenge(u, folder, "movie.mp4", content);
        assertTrue(challenge.getString("challenge").length() >= 32, challenge.toString());
        assertTrue(challenge.getString("nonce").matches("[0-9a-f]{64}"), challenge.toString());

        Answer created = prove(u, challenge, proof(challenge, content));
        assertEquals(201, created.status(), created.text());
        JsonObject file = created.json().asJsonObject();
        assertEquals("file", file.getString("kind"));
        assertEquals("movie.mp4", file.getString("name"));
        assertEquals(folder, file.getString("parent"));
        assertEquals(content.length, file.getJsonNumber("size").longValue());
        assertEquals(md5(content), file.getString("md5"));
        assertTrue(created.header("Location").endsWith("/api/v2/nodes/" + id(file)), created.header("Location"));
        assertEquals(List.of("movie.mp4"), drive.names(u, folder, ""));
        assertEquals(content.length, used(drive, u));
        assertEquals(1, Db.userFiles(u.name()));
        assertEquals(2, Db.number("select count from file_info where md5 = ?", md5(content)), "one more reference");
        Answer bytes = drive.send(u, "GET", "/nodes/" + id(file) + "/content", null);
        assertEquals(200, bytes.status());
        assertArrayEquals(content, bytes.body(), "the file is the held content");

        JsonObject again = challenge(u, folder, "movie.mp4", content);
        Answer second = prove(u, again, proof(again, content));
        assertEquals(201, second.status(), second.text());
        assertEquals("movie (1).mp4", second.json().asJsonObject().getString("name"), "a taken name gets (1)");
        assertEquals(List.of("movie (1).mp4", "movie.mp4"), drive.names(u, folder, ""));
    }

    @Test
    void rangesLieInsideTheFileAndDifferPerChallenge() {
        byte[] content = held("ranges", MIB + 1);
        User u = client.newUser("instant-ranges");
        Set<String> ids = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        Set<String> rangeSets = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            JsonObject challenge = challenge(u, "root", "f.bin", content);
            ids.add(challenge.getString("challenge"));
            nonces.add(challenge.getString("nonce"));
            rangeSets.add(challenge.getJsonArray("ranges").toString());
            List<long[]> ranges = ranges(challenge);
            assertTrue(ranges.size() >= 3, challenge.toString());
            for (long[] r : ranges) {
                assertTrue(r[0] >= 0 && r[1] > 0 && r[1] <= 64 * 1024 && r[0] + r[1] <= content.length,
                        "range " + r[0] + "+" + r[1] + " inside " + content.length + " bytes, at most 64 KiB");
            }
        }
        assertEquals(5, ids.size(), "random challenge ids");
        assertEquals(5, nonces.size(), "random nonces");
        assertEquals(5, rangeSets.size(), "random ranges per challenge");
        assertEquals(0, Db.userFiles(u.name()), "asking adds nothing");
    }

    @Test
    void aWrongProofFailsAndSpendsTheChallenge() {
        byte[] content = held("wrong", 2 * MIB);
        User u = client.newUser("instant-wrong");
        JsonObject challenge = challenge(u, "root", "f.bin", content);
        byte[] almost = content.clone();
        long[] first = ranges(challenge).get(0);
        almost[(int) (first[0] + first[1] / 2)] ^= 1; // one bit of the proven bytes differs
        drive.expectProblem(409, "proof_failed", prove(u, challenge, proof(challenge, almost)));
        drive.expectProblem(404, "not_found", prove(u, challenge, proof(challenge, content)));
        assertEquals(0, Db.userFiles(u.name()));

        JsonObject other = challenge(u, "root", "f.bin", content);
        byte[] otherBytes = held("wrong-other", 2 * MIB);
        drive.expectProblem(409, "proof_failed", prove(u, other, proof(other, otherBytes)));
        assertEquals(0, Db.userFiles(u.name()), "nothing was added");
    }

    /** A folder trashed or content purged between the challenge and its proof: the proof adds nothing. */
    @Test
    void whatVanishesBetweenChallengeAndProofIsNotFound() {
        User holder = client.newUser("vanish-holder");
        byte[] content = Arrays.copyOf(uniqueContent("vanish", 2 * MIB), 2 * MIB);
        JsonObject held = drive.uploadToRoot(holder, "v.bin", content);
        User u = client.newUser("vanish");
        String folder = id(drive.createFolder(u, "root", "Inbox"));
        JsonObject intoFolder = challenge(u, folder, "v.bin", content);
        drive.trash(u, folder);
        drive.expectProblem(404, "not_found", prove(u, intoFolder, proof(intoFolder, content)));

        JsonObject intoRoot = challenge(u, "root", "v.bin", content);
        drive.trash(holder, id(held));
        assertEquals(204, drive.send(holder, "DELETE", "/trash", null).status(), "the content's last reference");
        drive.expectProblem(404, "unknown_content", prove(u, intoRoot, proof(intoRoot, content)));
        assertEquals(0, Db.userFiles(u.name()), "nothing was added");
    }

    @Test
    void aChallengeIsAnsweredOnceAndOnlyByItsUser() {
        byte[] content = held("once", 2 * MIB);
        User u = client.newUser("instant-once");
        User other = client.newUser("instant-other");
        JsonObject challenge = challenge(u, "root", "f.bin", content);
        String proof = proof(challenge, content);
        drive.expectProblem(404, "not_found", prove(other, challenge, proof));
        assertEquals(0, Db.userFiles(other.name()));
        assertEquals(201, prove(u, challenge, proof).status(), "another user's attempt did not spend it");
        drive.expectProblem(404, "not_found", prove(u, challenge, proof));
        assertEquals(1, Db.userFiles(u.name()));
    }

    @Test
    void aChallengeExpires() throws InterruptedException {
        byte[] content = held("expiry", 2 * MIB);
        User u = client.newUser("instant-expiry");
        JsonObject challenge = challenge(u, "root", "f.bin", content);
        Instant expires = Instant.parse(challenge.getString("expires"));
        Duration left = Duration.between(Instant.now(), expires);
        assertTrue(left.compareTo(Duration.ofMinutes(5)) <= 0, "at most 5 minutes: " + left);
        Thread.sleep(Math.max(0, left.toMillis()) + 1500);
        drive.expectProblem(404, "not_found", prove(u, challenge, proof(challenge, content)));
        assertEquals(0, Db.userFiles(u.name()));
    }

    @Test
    void smallOrUnknownContentIsUploadedInstead() {
        User u = client.newUser("instant-unknown");
        byte[] small = held("small", MIB - 1);
        drive.expectProblem(404, "unknown_content", drive.send(u, "POST", "/instant", request("root", "s.bin", small)));
        byte[] unknown = uniqueContent("never-uploaded", 2 * MIB);
        drive.expectProblem(404, "unknown_content",
                drive.send(u, "POST", "/instant", request("root", "u.bin", unknown)));
        byte[] content = held("size", 2 * MIB);
        drive.expectProblem(404, "unknown_content", drive.send(u, "POST", "/instant",
                json("name", "x.bin", "md5", md5(content), "size", content.length + 1).toString()));

        User holder = client.newUser("trash-holder");
        byte[] trashed = uniqueContent("trashed", 2 * MIB);
        assertEquals("008", client.uploadLegacy(holder, "t.bin", trashed));
        assertEquals("013", client.dealFile("del", holder, md5(trashed), "t.bin"));
        drive.expectProblem(404, "unknown_content", drive.send(u, "POST", "/instant", request("root", "t.bin", trashed)));
        assertEquals(0, Db.userFiles(u.name()));
    }

    @Test
    void theQuotaIsCheckedWhenAskedAndWhenAdded() {
        byte[] content = held("quota", 2 * MIB);
        User u = client.newUser("instant-quota");
        User admin = QuotaIT.administrator(client);
        drive.expect(200, admin, "PATCH", "/admin/users/" + u.name(), json("limit", 2 * MIB - 1).toString());
        drive.expectProblem(413, "quota_exceeded", drive.send(u, "POST", "/instant", request("root", "q.bin", content)));

        drive.expect(200, admin, "PATCH", "/admin/users/" + u.name(), json("limit", 2 * MIB).toString());
        JsonObject challenge = challenge(u, "root", "q.bin", content);
        assertEquals("008", client.uploadLegacy(u, "other.bin", new byte[10]), "the room goes meanwhile");
        drive.expectProblem(413, "quota_exceeded", prove(u, challenge, proof(challenge, content)));
        assertEquals(1, Db.userFiles(u.name()));
    }

    @Test
    void ofRacingProofsOfOneChallengeExactlyOneWins() {
        byte[] content = held("race", 2 * MIB);
        User u = client.newUser("instant-race");
        JsonObject challenge = challenge(u, "root", "f.bin", content);
        String proof = proof(challenge, content);
        List<Integer> statuses = CloudDiskClient.concurrently(16, i -> prove(u, challenge, proof).status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(15, statuses.stream().filter(s -> s == 404).count(), statuses.toString());
        assertEquals(1, Db.userFiles(u.name()));
    }

    @Test
    void racingChallengesOfOneNameEachAddAFileUnderItsOwnName() {
        byte[] content = held("names", 2 * MIB);
        User u = client.newUser("instant-names");
        List<JsonObject> challenges = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            challenges.add(challenge(u, "root", "same.bin", content));
        }
        List<Answer> answers = CloudDiskClient.concurrently(8,
                i -> prove(u, challenges.get(i), proof(challenges.get(i), content)));
        Set<String> names = new HashSet<>();
        for (Answer a : answers) {
            assertEquals(201, a.status(), a.text());
            names.add(a.json().asJsonObject().getString("name"));
        }
        assertEquals(Set.of("same.bin", "same (1).bin", "same (2).bin", "same (3).bin", "same (4).bin",
                "same (5).bin", "same (6).bin", "same (7).bin"), names);
        assertEquals(8, Db.userFiles(u.name()));
        assertEquals(8L * content.length, used(drive, u));
    }

    @Test
    void badRequestsGetTheirProblem() {
        byte[] content = held("bad", 2 * MIB);
        User u = client.newUser("instant-bad");
        User other = client.newUser("instant-bad-other");
        String md5 = md5(content);
        for (String body : List.of("", "nonsense", "[]", json("md5", md5, "size", content.length).toString(),
                json("name", "..", "md5", md5, "size", content.length).toString(),
                json("name", "a/b", "md5", md5, "size", content.length).toString(),
                json("name", "f", "md5", "xyz", "size", content.length).toString(),
                json("name", "f", "size", content.length).toString(),
                json("name", "f", "md5", md5).toString(),
                json("name", "f", "md5", md5, "size", -1).toString(),
                json("name", "f", "md5", md5, "size", 1.5).toString(),
                json("name", "f", "md5", md5, "size", "big").toString())) {
            drive.expectProblem(400, "invalid", drive.send(u, "POST", "/instant", body));
        }
        assertEquals(401, drive.send(null, "POST", "/instant", request("root", "f", content)).status());
        String othersFolder = id(drive.createFolder(other, "root", "theirs"));
        String trashed = id(drive.createFolder(u, "root", "gone"));
        drive.trash(u, trashed);
        byte[] small = "small".getBytes();
        assertEquals("008", client.uploadLegacy(u, "small.txt", small));
        String aFile = id(drive.children(u, "root", "").getJsonArray("items").getValuesAs(JsonValue::asJsonObject)
                .get(0));
        for (String parent : List.of(othersFolder, trashed, aFile, "d999999999", "nonsense", "")) {
            drive.expectProblem(404, "not_found", drive.send(u, "POST", "/instant", request(parent, "f", content)));
        }

        JsonObject challenge = challenge(u, "root", "f.bin", content);
        for (String body : List.of("", "{}", json("proof", "abc").toString(), json("proof", 42).toString(),
                json("proof", "g".repeat(64)).toString(), json("proof", "0".repeat(65)).toString())) {
            drive.expectProblem(400, "invalid", drive.send(u, "POST", "/instant/" + challenge.getString("challenge"),
                    body));
        }
        for (String id : List.of("nonsense", "0".repeat(32), challenge.getString("challenge").toUpperCase())) {
            drive.expectProblem(404, "not_found",
                    drive.send(u, "POST", "/instant/" + id, json("proof", "0".repeat(64)).toString()));
        }
        assertEquals(201, prove(u, challenge, proof(challenge, content)).status(),
                "malformed answers did not spend the challenge");
        assertNotEquals(0, Db.userFiles(u.name()));
    }
}
