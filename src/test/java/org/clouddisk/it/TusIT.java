package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.TusRequests.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resumable uploads, tus 1.0.0 at /api/v2/uploads (API.md, "Uploads"): the protocol's requests and answers, uploads
 * cut and resumed, expiry, termination, racing PATCHes and creations, dedup, quotas, and every bad input.
 */
class TusIT extends Deployments {

    private final DriveClient drive = new DriveClient(client);
    private final TusRequests tus = new TusRequests(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    private static byte[] part(byte[] content, int from, int to) {
        return Arrays.copyOfRange(content, from, to);
    }

    private byte[] download(User u, String nodeId) {
        Answer a = drive.send(u, "GET", "/nodes/" + nodeId + "/content", null);
        assertEquals(200, a.status(), a.text());
        return a.body();
    }

    private long used(User u) {
        return drive.expect(200, u, "GET", "/me", null).getJsonObject("quota").getJsonNumber("used").longValue();
    }

    @Test
    void optionsNamesVersionExtensionsAndTheLimitWithoutALogin() {
        Answer a = client.send("OPTIONS", TusRequests.UPLOADS, null, null);
        assertEquals(204, a.status(), a.text());
        assertEquals("1.0.0", a.header("Tus-Version"));
        assertEquals("1.0.0", a.header("Tus-Resumable"));
        assertEquals(List.of("creation", "creation-with-upload", "expiration", "termination"),
                Arrays.stream(a.header("Tus-Extension").split(",")).map(String::trim).sorted().toList());
        assertEquals(Long.toString(4L << 30), a.header("Tus-Max-Size"), "CLOUDDISK_MAX_UPLOAD_BYTES's default");
    }

    @Test
    void createPatchHeadAndCompleteIntoAFile() {
        User u = client.newUser("tus");
        byte[] content = uniqueContent("tus-basic", 3 * 1024 * 1024 + 17);
        Answer created = tus.create(u, content.length, metadata("name", "report.pdf", "md5", md5(content)));
        assertEquals(201, created.status(), created.text());
        assertEquals("1.0.0", created.header("Tus-Resumable"));
        assertNotNull(created.header("Upload-Expires"), "expiration: the answer says when the upload expires");
        String upload = TusRequests.location(created);
        assertTrue(created.header("Location").startsWith("/api/v2/uploads/"), "relative: holds behind any proxy");
        assertEquals(0, tus.offset(u, upload));
        assertEquals(content.length, used(u), "the declared length counts in the usage from creation");

        Answer first = tus.patch(u, upload, 0, part(content, 0, 1_000_000));
        assertEquals(204, first.status(), first.text());
        assertEquals("1000000", first.header("Upload-Offset"));
        assertNotNull(first.header("Upload-Expires"));
        assertNull(first.header("CloudDisk-Node"), "not complete yet");
        Answer head = tus.head(u, upload);
        assertEquals("1000000", head.header("Upload-Offset"));
        assertEquals(Integer.toString(content.length), head.header("Upload-Length"));
        assertEquals("no-store", head.header("Cache-Control"));

        Answer last = tus.patch(u, upload, 1_000_000, part(content, 1_000_000, content.length));
        assertEquals(204, last.status(), last.text());
        assertEquals(Integer.toString(content.length), last.header("Upload-Offset"));
        String node = last.header("CloudDisk-Node");
        assertNotNull(node, "the completing PATCH names the new file");

        JsonObject file = drive.node(u, node);
        assertEquals("report.pdf", file.getString("name"));
        assertEquals(content.length, file.getJsonNumber("size").longValue());
        assertEquals(md5(content), file.getString("md5"));
        assertEquals(drive.root(u).getString("id"), file.getString("parent"));
        assertArrayEquals(content, download(u, node));
        assertEquals(content.length, used(u), "the reservation became the file's usage");
        assertEquals(content.length, tus.offset(u, upload), "a finished upload stands at its length for a while");
        Answer closing = tus.patch(u, upload, content.length, new byte[0]);
        assertEquals(204, closing.status(), "a client's closing empty PATCH");
        assertEquals(node, closing.header("CloudDisk-Node"));
        drive.expectProblem(400, "invalid", tus.patch(u, upload, content.length, new byte[1]));
        drive.expectProblem(409, "invalid", tus.patch(u, upload, 0, content));
        assertEquals(204, tus.delete(u, upload).status(), "its record goes, the file stays");
        assertEquals(404, tus.head(u, upload).status());
        assertArrayEquals(content, download(u, node));
        assertEquals(content.length, used(u));
    }

    @Test
    void creationWithUploadCompletesInOneRequestOrStartsTheUpload() {
        User u = client.newUser("tusone");
        byte[] whole = uniqueContent("tus-one", 100_000);
        Answer done = tus.createWith(u, whole.length, metadata("name", "one.bin"), whole);
        assertEquals(201, done.status(), done.text());
        assertEquals(Integer.toString(whole.length), done.header("Upload-Offset"));
        assertArrayEquals(whole, download(u, done.header("CloudDisk-Node")));

        byte[] content = uniqueContent("tus-two", 200_000);
        Answer begun = tus.createWith(u, content.length, metadata("name", "two.bin"), part(content, 0, 50_000));
        assertEquals(201, begun.status(), begun.text());
        assertEquals("50000", begun.header("Upload-Offset"));
        assertNull(begun.header("CloudDisk-Node"));
        assertNotNull(begun.header("Upload-Expires"), "an unfinished upload says when it expires");
        String upload = TusRequests.location(begun);
        assertEquals(50_000, tus.offset(u, upload));
        Answer rest = tus.patch(u, upload, 50_000, part(content, 50_000, content.length));
        assertEquals(204, rest.status(), rest.text());
        assertArrayEquals(content, download(u, rest.header("CloudDisk-Node")));

        Answer empty = tus.create(u, 0, metadata("name", "empty.txt"));
        assertEquals(201, empty.status(), "an empty upload is complete at creation");
        assertEquals(0, download(u, empty.header("CloudDisk-Node")).length);
    }

    /** A creation whose first bytes are refused answers no Location: nothing of that upload stays behind. */
    @Test
    void aRefusedCreationWithUploadLeavesNoUpload() {
        User u = client.newUser("tusrefused");
        Answer refused = tus.createWith(u, 10, metadata("name", "long.bin"), uniqueContent("tus-long", 20));
        assertEquals(400, refused.status(), refused.text());
        assertNull(refused.header("Location"));
        assertEquals(0L, Invariants.number("select count(*) from upload where user = ?", u.name()), "no upload row");
        assertEquals(0, used(u), "no bytes reserved");
    }

    @Test
    void goesIntoItsFolderAndATakenNameGetsANumber() {
        User u = client.newUser("tusfolder");
        String folder = DriveClient.id(drive.createFolder(u, "root", "Docs"));
        byte[] a = uniqueContent("tus-a", 1000);
        byte[] b = uniqueContent("tus-b", 1000);
        String first = tus.createWith(u, a.length, metadata("name", "notes.txt", "parent", folder), a)
                .header("CloudDisk-Node");
        String second = tus.createWith(u, b.length, metadata("name", "notes.txt", "parent", folder), b)
                .header("CloudDisk-Node");
        assertEquals(folder, drive.node(u, first).getString("parent"));
        assertEquals("notes (1).txt", drive.node(u, second).getString("name"));
        assertEquals(List.of("notes (1).txt", "notes.txt"), drive.names(u, folder, "").stream().sorted().toList());
    }

    @Test
    void anUploadCutMidPatchKeepsWhatArrivedAndResumesFromHead() throws Exception {
        User u = client.newUser("tuscut");
        byte[] content = uniqueContent("tus-cut", 3 * 1024 * 1024);
        String upload = tus.begin(u, content.length, metadata("name", "cut.bin", "md5", md5(content)));
        int half = content.length / 2 + 12_345;
        try (Socket socket = tus.openPatch(u, upload, 0, content.length, part(content, 0, half))) {
            socket.shutdownOutput(); // the client goes away halfway: the server sees the body end early
            awaitServed(socket);
        }
        assertEquals(half, awaitSettled(u, upload), "every byte that arrived is kept, no more");

        Answer rest = resume(u, upload, content);
        assertEquals(204, rest.status(), rest.text());
        assertArrayEquals(content, download(u, rest.header("CloudDisk-Node")));
    }

    /**
     * A PATCH streams into one store append per 64 MiB (UploadWriter.SAVE_EVERY): cuts before its first byte, after
     * one byte, and exactly where an append ends and the next would begin keep exactly what arrived.
     */
    @Test
    void cutsBeforeTheFirstByteAfterOneAndAtAnAppendBoundaryKeepExactlyWhatArrived() throws Exception {
        int streamedAppend = 64 << 20;
        User u = client.newUser("tusedges");
        byte[] content = uniqueContent("tus-edges", streamedAppend + 100_000);
        String upload = tus.begin(u, content.length, metadata("name", "edges.bin", "md5", md5(content)));
        for (int[] cut : new int[][]{{0, 0}, {0, 1}, {1, 1 + streamedAppend}}) {
            try (Socket socket = tus.openPatch(u, upload, cut[0], content.length - cut[0],
                    part(content, cut[0], cut[1]))) {
                socket.shutdownOutput();
                awaitServed(socket);
            }
            assertEquals(cut[1], awaitSettled(u, upload), "cut at " + cut[1]);
            Invariants.assertHold(); // the store holds exactly the saved offset's bytes
        }
        Answer rest = resume(u, upload, content);
        assertEquals(204, rest.status(), rest.text());
        assertArrayEquals(content, download(u, rest.header("CloudDisk-Node")));
    }

    @Test
    void aConnectionResetMidPatchLeavesTheStoreAtTheSavedOffset() throws Exception {
        User u = client.newUser("tusreset");
        byte[] content = uniqueContent("tus-reset", 2 * 1024 * 1024);
        String upload = tus.begin(u, content.length, metadata("name", "reset.bin"));
        try (Socket socket = tus.openPatch(u, upload, 0, content.length, part(content, 0, 1_500_000))) {
            socket.setSoLinger(true, 0); // a reset, not an orderly close
        }
        long kept = awaitSettled(u, upload);
        assertTrue(kept >= 0 && kept <= 1_500_000, "kept " + kept);
        Invariants.assertHold(); // the store holds exactly the saved offset's bytes
        Answer rest = resume(u, upload, content);
        assertEquals(204, rest.status(), rest.text());
        assertArrayEquals(content, download(u, rest.header("CloudDisk-Node")));
    }

    /**
     * Waits until the server has taken up a PATCH whose client stopped sending: it answers it or closes the
     * connection. Until then, on a busy machine, the request may not even have reached the upload (its lease), and a
     * probe would see the offset from before it.
     */
    private static void awaitServed(Socket socket) throws IOException {
        socket.setSoTimeout(120_000);
        try {
            socket.getInputStream().read();
        } catch (SocketException closedByTheServer) {
            // a reset answers too: the server was done with the request
        }
    }

    /** The rest of the content from HEAD's offset, as a tus client resumes. */
    private Answer resume(User u, String upload, byte[] content) {
        long offset = tus.offset(u, upload);
        return tus.patch(u, upload, offset, part(content, (int) offset, content.length));
    }

    /**
     * Waits until the server has finished the cut request (its lease given back, so a PATCH is no longer 423) and
     * answers the upload's offset then. An empty PATCH at HEAD's offset probes the lease without changing anything.
     */
    private long awaitSettled(User u, String upload) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            long offset = tus.offset(u, upload);
            Answer probe = tus.patch(u, upload, offset, new byte[0]);
            if (probe.status() == 204) {
                return Long.parseLong(probe.header("Upload-Offset"));
            }
            assertTrue(List.of(409, 423).contains(probe.status()), probe.text());
            Thread.sleep(100);
        }
        throw new AssertionError("the cut PATCH never gave its lease back");
    }

    @Test
    void terminationFreesTheBytesAndTheQuota() {
        User u = client.newUser("tusdel");
        byte[] content = uniqueContent("tus-del", 500_000);
        String upload = tus.begin(u, content.length, metadata("name", "gone.bin"));
        assertEquals(204, tus.patch(u, upload, 0, part(content, 0, 200_000)).status());
        assertEquals(content.length, used(u));

        Answer deleted = tus.delete(u, upload);
        assertEquals(204, deleted.status(), deleted.text());

        assertEquals(0, used(u));
        assertEquals(404, tus.head(u, upload).status());
        drive.expectProblem(404, "not_found", tus.patch(u, upload, 200_000, part(content, 200_000, 300_000)));
        assertEquals(404, tus.delete(u, upload).status());
        assertEquals(List.of(), drive.names(u, "root", ""));
    }

    @Test
    void anExpiredUploadIsEndedByTheTimer() throws Exception {
        User u = client.newUser("tusexp");
        byte[] content = uniqueContent("tus-exp", 300_000);
        String upload = tus.begin(u, content.length, metadata("name", "late.bin"));
        assertEquals(204, tus.patch(u, upload, 0, part(content, 0, 100_000)).status());
        String id = upload.substring(upload.lastIndexOf('/') + 1);
        // test-only: the upload's expiry moved into the past, as 24 h of silence would
        try (Connection c = Invariants.connect(); PreparedStatement s = c.prepareStatement(
                "update upload set expires = ? where id = ?")) {
            s.setObject(1, java.time.LocalDateTime.now().minusMinutes(1));
            s.setString(2, id);
            assertEquals(1, s.executeUpdate());
        }
        assertEquals(404, tus.head(u, upload).status(), "an expired upload is gone at once");
        drive.expectProblem(404, "not_found", tus.patch(u, upload, 100_000, part(content, 100_000, 300_000)));
        for (int i = 0; i < 300 && Invariants.number("select count(*) from upload where id = ?", id) > 0; i++) {
            Thread.sleep(100); // the maintenance timer runs every 2 s in the test server
        }
        assertEquals(0L, Invariants.number("select count(*) from upload where id = ?", id), "the timer ended it");
        assertEquals(0, used(u), "its length left the usage");
    }

    @Test
    void concurrentPatchesOnOneUploadAreSerialised() throws Exception {
        User u = client.newUser("tusrace");
        byte[] content = uniqueContent("tus-race", 1_000_000);
        String upload = tus.begin(u, content.length, metadata("name", "race.bin"));
        // one PATCH holds the upload: its body is half sent
        try (Socket holder = tus.openPatch(u, upload, 0, content.length, part(content, 0, 400_000))) {
            awaitLeased(u, upload);
            drive.expectProblem(423, "too_many_requests", tus.patch(u, upload, 0, content));
            assertEquals(423, tus.delete(u, upload).status(), "no termination while a PATCH writes");
            holder.getOutputStream().write(part(content, 400_000, content.length));
            holder.getOutputStream().flush();
            assertEquals(204, TusRequests.answerStatus(holder));
        }
        assertEquals(content.length, used(u));
        assertEquals(1, drive.names(u, "root", "").size());

        // many at once at the same offset: exactly one completes, the others find it busy, moved on or finished
        byte[] other = uniqueContent("tus-race-2", 2_000_000);
        String second = tus.begin(u, other.length, metadata("name", "race2.bin"));
        List<Answer> answers = CloudDiskClient.concurrently(8, i -> tus.patch(u, second, 0, other));
        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(Answer::status,
                Collectors.counting()));
        assertEquals(1L, statuses.get(204), statuses.toString());
        assertTrue(List.of(204, 404, 409, 423).containsAll(statuses.keySet()), statuses.toString());
        String node = answers.stream().filter(a -> a.status() == 204).findFirst().orElseThrow()
                .header("CloudDisk-Node");
        assertArrayEquals(other, download(u, node));
        assertEquals(2, drive.names(u, "root", "").size());
    }

    /**
     * Until a PATCH answers 423: the raw PATCH's request has reached the server and taken the lease. The probe names a
     * wrong offset, so when the lease is free it is refused (409) without taking it.
     */
    private void awaitLeased(User u, String upload) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            Answer probe = tus.patch(u, upload, 1, new byte[0]);
            if (probe.status() == 423) {
                return;
            }
            assertEquals(409, probe.status(), probe.text());
            Thread.sleep(50);
        }
        throw new AssertionError("the held PATCH never took the upload's lease");
    }

    @Test
    void aWrongOffsetIsAConflictAndChangesNothing() {
        User u = client.newUser("tusoff");
        byte[] content = uniqueContent("tus-off", 10_000);
        String upload = tus.begin(u, content.length, metadata("name", "off.bin"));
        assertEquals(204, tus.patch(u, upload, 0, part(content, 0, 4000)).status());
        drive.expectProblem(409, "invalid", tus.patch(u, upload, 0, part(content, 0, 4000)));
        drive.expectProblem(409, "invalid", tus.patch(u, upload, 5000, part(content, 5000, 10_000)));
        assertEquals(4000, tus.offset(u, upload));
        drive.expectProblem(400, "invalid", tus.patch(u, upload, 4000, new byte[content.length - 4000 + 1]));
        assertEquals(4000, tus.offset(u, upload), "a body past Upload-Length is refused whole");
        assertEquals(204, tus.patch(u, upload, 4000, part(content, 4000, content.length)).status());
    }

    @Test
    void completionOfContentTheServerHoldsKeepsOneCopy() {
        User u = client.newUser("tusdedup");
        User v = client.newUser("tusdedup");
        byte[] content = uniqueContent("tus-dedup", 700_000);
        String first = tus.createWith(u, content.length, metadata("name", "a.bin"), content).header("CloudDisk-Node");
        String upload = tus.begin(v, content.length, metadata("name", "b.bin", "md5", md5(content)));
        assertEquals(204, tus.patch(v, upload, 0, part(content, 0, 300_000)).status());
        Answer last = tus.patch(v, upload, 300_000, part(content, 300_000, content.length));
        assertEquals(204, last.status(), last.text());
        String second = last.header("CloudDisk-Node");
        assertEquals(drive.node(u, first).getString("md5"), drive.node(v, second).getString("md5"));
        assertEquals(1L, Invariants.number("select count(*) from file_info where md5 = ?", md5(content)));
        assertEquals(2L, Invariants.number("select count from file_info where md5 = ?", md5(content)));
        assertArrayEquals(content, download(v, second));
        // the store holds one copy: Invariants counts the store's files against file_info
    }

    @Test
    void anMd5ThatDoesNotMatchEndsTheUploadWithNothingKept() {
        User u = client.newUser("tusmd5");
        byte[] content = uniqueContent("tus-md5", 100_000);
        String upload = tus.begin(u, content.length, metadata("name", "bad.bin", "md5", md5(new byte[1])));
        assertEquals(204, tus.patch(u, upload, 0, part(content, 0, 50_000)).status());
        drive.expectProblem(409, "invalid", tus.patch(u, upload, 50_000, part(content, 50_000, content.length)));
        assertEquals(404, tus.head(u, upload).status());
        assertEquals(0, used(u));
        assertEquals(List.of(), drive.names(u, "root", ""));
        assertEquals(0L, Invariants.number("select count(*) from file_info where md5 = ?", md5(content)));
    }

    @Test
    void theQuotaCountsDeclaredLengthsExactlyUnderConcurrentCreations() {
        User admin = QuotaIT.administrator(client);
        User u = client.newUser("tusquota");
        drive.expect(200, admin, "PATCH", "/admin/users/" + u.name(), "{\"limit\":1000000}");
        drive.expectProblem(413, "quota_exceeded", tus.create(u, 1_000_001, metadata("name", "big.bin")));

        List<Answer> answers = CloudDiskClient.concurrently(8, i -> tus.create(u, 250_000,
                metadata("name", "part" + i + ".bin")));
        assertEquals(4, answers.stream().filter(a -> a.status() == 201).count(), "exactly four fit");
        answers.stream().filter(a -> a.status() != 201).forEach(a -> drive.expectProblem(413, "quota_exceeded", a));
        assertEquals(1_000_000, used(u));

        String one = TusRequests.location(answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow());
        assertEquals(204, tus.delete(u, one).status());
        assertEquals(750_000, used(u), "termination gives the room back");
        assertEquals(201, tus.create(u, 250_000, metadata("name", "again.bin")).status());
        drive.expectProblem(413, "quota_exceeded", tus.createWith(u, 1, metadata("name", "one.bin"), new byte[1]));
    }

    @Test
    void badRequestsGetTheirProblemAnswers() {
        User u = client.newUser("tusbad");
        User other = client.newUser("tusbad");
        String name = metadata("name", "f.bin");
        Answer noVersion = client.send("POST", TusRequests.UPLOADS, null, null, "Authorization", "Bearer " + u.token(),
                "Upload-Length", "10", "Upload-Metadata", name);
        drive.expectProblem(412, "invalid", noVersion);
        assertEquals("1.0.0", noVersion.header("Tus-Version"));
        drive.expectProblem(412, "invalid", client.send("POST", TusRequests.UPLOADS, null, null,
                "Tus-Resumable", "0.2.2", "Authorization", "Bearer " + u.token(), "Upload-Length", "10",
                "Upload-Metadata", name));
        drive.expectProblem(401, "unauthorized", tus.create(null, 10, name));

        for (String length : List.of("", "-1", "ten", "1e3", "99999999999999999999")) {
            drive.expectProblem(400, "invalid", client.send("POST", TusRequests.UPLOADS, null, null,
                    TusRequests.headers(u, "Upload-Length", length, "Upload-Metadata", name)));
        }
        drive.expectProblem(400, "invalid", client.send("POST", TusRequests.UPLOADS, null, null,
                TusRequests.headers(u, "Upload-Metadata", name)));
        drive.expectProblem(400, "invalid", client.send("POST", TusRequests.UPLOADS, null, null,
                TusRequests.headers(u, "Upload-Defer-Length", "1", "Upload-Metadata", name)));
        drive.expectProblem(413, "invalid", tus.create(u, (4L << 30) + 1, name));

        drive.expectProblem(400, "invalid", tus.create(u, 10, ""));
        drive.expectProblem(400, "invalid", tus.create(u, 10, "name !!!notbase64"));
        drive.expectProblem(400, "invalid", tus.create(u, 10, "name " + java.util.Base64.getEncoder()
                .encodeToString(new byte[]{(byte) 0xff, (byte) 0xfe})));
        drive.expectProblem(400, "invalid", tus.create(u, 10, "name"));
        drive.expectProblem(400, "invalid", tus.create(u, 10, metadata("name", "f.bin", "name", "g.bin")));
        for (String bad : List.of("", ".", "..", "a/b", "tab\there", "x".repeat(256))) {
            drive.expectProblem(400, "invalid", tus.create(u, 10, metadata("name", bad)));
        }
        drive.expectProblem(400, "invalid", tus.create(u, 10, metadata("name", "f.bin", "md5", "xyz")));
        drive.expectProblem(404, "not_found", tus.create(u, 10, metadata("name", "f.bin", "parent", "d999999999")));
        drive.expectProblem(404, "not_found", tus.create(u, 10, metadata("name", "f.bin", "parent", "nonsense")));
        String theirs = DriveClient.id(drive.createFolder(other, "root", "theirs"));
        drive.expectProblem(404, "not_found", tus.create(u, 10, metadata("name", "f.bin", "parent", theirs)));
        String file = tus.createWith(u, 1, metadata("name", "file.bin"), new byte[]{1}).header("CloudDisk-Node");
        drive.expectProblem(404, "not_found", tus.create(u, 10, metadata("name", "f.bin", "parent", file)));
        drive.expectProblem(415, "invalid", client.send("POST", TusRequests.UPLOADS, new byte[3], "text/plain",
                TusRequests.headers(u, "Upload-Length", "3", "Upload-Metadata", name)));

        String upload = tus.begin(u, 10, name);
        drive.expectProblem(415, "invalid", client.send("PATCH", upload, new byte[2], "application/octet-stream",
                TusRequests.headers(u, "Upload-Offset", "0")));
        drive.expectProblem(400, "invalid", client.send("PATCH", upload, new byte[2], TusRequests.OFFSET_STREAM,
                TusRequests.headers(u)));
        drive.expectProblem(400, "invalid", client.send("PATCH", upload, new byte[2], TusRequests.OFFSET_STREAM,
                TusRequests.headers(u, "Upload-Offset", "-2")));
        drive.expectProblem(400, "invalid", tus.patch(u, upload, 0, new byte[11]));
        drive.expectProblem(404, "not_found", tus.patch(other, upload, 0, new byte[2]));
        assertEquals(404, tus.head(other, upload).status(), "another user's upload does not exist for them");
        drive.expectProblem(404, "not_found", tus.delete(other, upload));
        drive.expectProblem(404, "not_found", tus.patch(u, TusRequests.UPLOADS + "/0123456789abcdef0123456789abcdef",
                0, new byte[2]));
        drive.expectProblem(404, "not_found", tus.patch(u, TusRequests.UPLOADS + "/..%2F..", 0, new byte[2]));
        assertEquals(0, tus.offset(u, upload), "nothing was written by any of them");
        assertEquals(204, tus.delete(u, upload).status());
        assertEquals(1, used(u));
    }
}
