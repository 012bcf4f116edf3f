package org.clouddisk.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.DriveClient.folderBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2/me and /api/v2/nodes (API.md, "Folders and files"), and how the seed's protocol sees the tree. */
class NodesIT extends Deployments {

    private final DriveClient drive = new DriveClient(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    private JsonObject upload(User u, String name, byte[] content) {
        return drive.uploadToRoot(u, name, content);
    }

    private JsonObject upload(User u, String name) {
        return upload(u, name, uniqueContent(name, 100));
    }

    private static String id(JsonObject node) {
        return node.getString("id");
    }

    // ---------------------------------------------------------------- me, root, nodes

    @Test
    void meAnswersTheUserAndTheSizeOfTheirFiles() {
        User u = client.newUser("me");
        JsonObject me = drive.expect(200, u, "GET", "/me", null);
        assertEquals(u.name(), me.getString("user"));
        assertEquals(u.name(), me.getString("nickname"));
        assertEquals(0, me.getJsonObject("quota").getJsonNumber("used").longValue());
        assertEquals(JsonValue.NULL, me.getJsonObject("quota").get("limit"), "no quota yet: limit null");

        JsonObject folder = drive.createFolder(u, "root", "docs");
        drive.move(u, id(upload(u, "a.bin", new byte[1000])), id(folder));
        upload(u, "b.bin", new byte[]{1, 2, 3});
        assertEquals(1003, drive.expect(200, u, "GET", "/me", null).getJsonObject("quota")
                .getJsonNumber("used").longValue(), "files in every folder count");
    }

    @Test
    void theRootIsAFolderWithoutParentOrPath() {
        User u = client.newUser("root");
        JsonObject root = drive.root(u);
        assertEquals("folder", root.getString("kind"));
        assertEquals(JsonValue.NULL, root.get("parent"));
        assertEquals(List.of(), root.getJsonArray("path"));
        assertEquals(root, drive.node(u, id(root)), "root and its own id address the same folder");
        assertFalse(root.getBoolean("shared"));
    }

    @Test
    void createsNestedFoldersAndAnswersEachWithItsPath() {
        User u = client.newUser("nest");
        String root = id(drive.root(u));
        Instant before = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Answer created = drive.send(u, "POST", "/nodes/root/children", folderBody("Projects"));
        assertEquals(201, created.status(), created.text());
        JsonObject projects = created.json().asJsonObject();
        assertTrue(created.header("Location").endsWith("/api/v2/nodes/" + id(projects)), created.header("Location"));
        assertEquals("folder", projects.getString("kind"));
        assertEquals("Projects", projects.getString("name"));
        assertEquals(root, projects.getString("parent"));
        Instant createdAt = Instant.parse(projects.getString("created"));
        assertTrue(!createdAt.isBefore(before) && createdAt.isBefore(Instant.now().plusSeconds(2)), createdAt.toString());
        assertTrue(projects.getString("created").endsWith("Z"), "UTC");

        JsonObject cloud = drive.createFolder(u, id(projects), "Cloud ☁ disk");
        JsonObject deep = drive.createFolder(u, id(cloud), "deep");
        JsonObject answered = drive.node(u, id(deep));
        assertEquals(List.of(Map.of("id", root, "name", ""), Map.of("id", id(projects), "name", "Projects"),
                Map.of("id", id(cloud), "name", "Cloud ☁ disk")), steps(answered));
        assertEquals(List.of("Projects"), drive.names(u, "root", ""));
        assertEquals(List.of("deep"), drive.names(u, id(cloud), ""));
    }

    @Test
    void aFileNodeCarriesItsContentFields() {
        User u = client.newUser("filenode");
        byte[] bytes = uniqueContent("file node", 500);
        JsonObject file = upload(u, "Report.PDF", bytes);
        assertEquals("file", file.getString("kind"));
        assertEquals(bytes.length, file.getJsonNumber("size").longValue());
        assertEquals(md5(bytes), file.getString("md5"));
        assertEquals("pdf", file.getString("type"));
        assertEquals(0, file.getInt("downloads"));
        assertFalse(file.getBoolean("shared"));
        assertEquals(id(drive.root(u)), file.getString("parent"));
        assertEquals(List.of(Map.of("id", id(drive.root(u)), "name", "")), steps(drive.node(u, id(file))));
    }

    // ---------------------------------------------------------------- names

    @Test
    void aNameIsUniqueWithinItsFolderComparedExactly() {
        User u = client.newUser("unique");
        JsonObject docs = drive.createFolder(u, "root", "docs");
        upload(u, "notes.txt");
        drive.expectProblem(409, "name_conflict", u, "POST", "/nodes/root/children", folderBody("docs"));
        drive.expectProblem(409, "name_conflict", u, "POST", "/nodes/root/children", folderBody("notes.txt"));
        drive.createFolder(u, "root", "Docs");
        drive.createFolder(u, "root", "docs ");
        drive.createFolder(u, id(docs), "docs");
        assertEquals(List.of("Docs", "docs", "docs ", "notes.txt"), drive.names(u, "root", ""));
    }

    @Test
    void refusesInvalidNamesAndBodies() {
        User u = client.newUser("names");
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String name : new String[]{"", ".", "..", "a/b", "/", "tab\there", "bell\u0007", "n".repeat(256)}) {
            bodies.put("name " + name, folderBody(name));
        }
        bodies.put("no name", json("kind", "folder").toString());
        bodies.put("name a number", "{\"name\":7,\"kind\":\"folder\"}");
        bodies.put("name null", "{\"name\":null,\"kind\":\"folder\"}");
        bodies.put("no kind", json("name", "x").toString());
        bodies.put("kind file", json("name", "x", "kind", "file").toString());
        bodies.put("malformed JSON", "{\"name\":");
        bodies.put("an array", "[\"x\"]");
        bodies.put("empty body", "");
        bodies.put("a number past the parser's range", "{\"name\":\"x\",\"kind\":\"folder\",\"n\":1e9999999999}");
        bodies.put("a number of 2,000 digits", "{\"name\":\"x\",\"kind\":\"folder\",\"n\":" + "9".repeat(2000) + "}");
        bodies.put("arrays nested 5,000 deep", "{\"name\":\"x\",\"kind\":\"folder\",\"n\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}");
        bodies.forEach((what, body) -> assertEquals("invalid", drive.expectProblem(400, "invalid",
                drive.send(u, "POST", "/nodes/root/children", body)).getString("code"), what));
        for (String type : new String[] {"json", "x;", "application/json; charset=bogus"}) {
            Answer a = client.send("POST", "/api/v2/nodes/root/children", "{}".getBytes(StandardCharsets.UTF_8),
                    type, "Authorization", "Bearer " + u.token());
            drive.expectProblem(400, "invalid", a);
        }
        assertEquals(List.of(), drive.names(u, "root", ""), "nothing was created");
        drive.createFolder(u, "root", "n".repeat(255));
        drive.createFolder(u, "root", "日本語 .hidden ..dots");
        assertEquals(201, drive.send(u, "POST", "/nodes/root/children",
                json("name", "extra", "kind", "folder", "color", "red").toString()).status(), "unknown fields ignored");
    }

    /** A body of hundreds of megabytes (the server has 512 MiB of heap) is refused as invalid, never held whole. */
    @Test
    void aBodyOfHundredsOfMegabytesIsRefusedAsInvalid() throws Exception {
        User u = client.newUser("huge");
        byte[] head = "{\"kind\":\"folder\",\"name\":\"".getBytes(StandardCharsets.UTF_8);
        try (var create = StreamedUpload.post(Integer.getInteger("it.http.port"), "/api/v2/nodes/root/children", head,
                8, 400L << 20, "\"}".getBytes(StandardCharsets.UTF_8), 4_000_000_000L,
                "Authorization: Bearer " + u.token())) {
            StreamedUpload.Outcome outcome = create.await(Duration.ofSeconds(90));
            assertEquals(400, outcome.status(), outcome.toString());
            assertEquals("invalid", outcome.code(), outcome.toString());
        }
        assertEquals(List.of(), drive.names(u, "root", ""), "nothing was created");
    }

    // ---------------------------------------------------------------- rename and move

    @Test
    void renamesAndMovesFoldersAndFiles() {
        User u = client.newUser("move");
        JsonObject a = drive.createFolder(u, "root", "a");
        JsonObject b = drive.createFolder(u, "root", "b");
        JsonObject inner = drive.createFolder(u, id(a), "inner");
        JsonObject file = upload(u, "f.txt");

        JsonObject renamed = drive.patch(u, id(a), "name", "alpha").json().asJsonObject();
        assertEquals("alpha", renamed.getString("name"));
        assertEquals(id(a), id(renamed), "the id stays");
        JsonObject moved = drive.move(u, id(a), id(b));
        assertEquals(id(b), moved.getString("parent"));
        assertEquals(List.of("", "b", "alpha"), steps(drive.node(u, id(inner))).stream().map(s -> s.get("name"))
                .toList(), "the subtree followed its folder");

        JsonObject both = drive.patch(u, id(file), "name", "g.txt", "parent", id(inner)).json().asJsonObject();
        assertEquals("g.txt", both.getString("name"));
        assertEquals(id(inner), both.getString("parent"));
        assertEquals(List.of("g.txt"), drive.names(u, id(inner), ""));
        assertEquals(List.of("b"), drive.names(u, "root", ""));
        assertEquals(200, drive.patch(u, id(file), "parent", "root").status(), "back to root by its alias");
        assertEquals(List.of("b", "g.txt"), drive.names(u, "root", ""));
        assertEquals(200, drive.patch(u, id(b), "name", "b").status(), "renaming to its own name is no change");
    }

    @Test
    void aFolderCannotGoIntoItselfOrItsSubtree() {
        User u = client.newUser("cycle");
        JsonObject a = drive.createFolder(u, "root", "a");
        JsonObject b = drive.createFolder(u, id(a), "b");
        JsonObject c = drive.createFolder(u, id(b), "c");
        for (JsonObject target : List.of(a, b, c)) {
            drive.expectProblem(409, "cycle", drive.patch(u, id(a), "parent", id(target)));
        }
        drive.expectProblem(409, "cycle", drive.patch(u, id(b), "parent", id(c)));
        assertEquals(id(a), drive.node(u, id(b)).getString("parent"), "nothing moved");
        drive.move(u, id(c), id(a));
        drive.move(u, id(b), id(c)); // now a > c > b
        assertEquals(List.of("", "a", "c"), steps(drive.node(u, id(b))).stream().map(s -> s.get("name")).toList());
    }

    @Test
    void aMoveOrRenameOntoATakenNameConflicts() {
        User u = client.newUser("clash");
        JsonObject file = upload(u, "f.txt");
        JsonObject a = drive.createFolder(u, "root", "a");
        JsonObject xInA = drive.createFolder(u, id(a), "x");
        JsonObject x = drive.createFolder(u, "root", "x");
        drive.expectProblem(409, "name_conflict", drive.patch(u, id(xInA), "parent", "root"));
        drive.expectProblem(409, "name_conflict", drive.patch(u, id(x), "name", "f.txt"));
        drive.expectProblem(409, "name_conflict", drive.patch(u, id(file), "name", "a"));
        drive.expectProblem(409, "name_conflict", drive.patch(u, id(file), "name", "x", "parent", id(a)));
        assertEquals(List.of("a", "x", "f.txt"), drive.names(u, "root", ""), "nothing moved or renamed");
    }

    @Test
    void refusesRenamingTheRootAndEmptyOrMalformedChanges() {
        User u = client.newUser("patch");
        JsonObject a = drive.createFolder(u, "root", "a");
        drive.expectProblem(400, "invalid", drive.patch(u, "root", "name", "x"));
        drive.expectProblem(400, "invalid", drive.patch(u, "root", "parent", id(a)));
        for (String body : new String[]{"{}", "", "{\"name\":\"\"}", "{\"name\":\"a/b\"}", "{\"parent\":5}",
                "{\"name\":[\"x\"]}", "{oops", "{\"parent\":null,\"name\":null}"}) {
            drive.expectProblem(400, "invalid", u, "PATCH", "/nodes/" + id(a), body);
        }
        assertEquals("a", drive.node(u, id(a)).getString("name"));
    }

    // ---------------------------------------------------------------- ids and tokens

    @Test
    void unknownMalformedAndForeignIdsAreNotFound() {
        User owner = client.newUser("owner");
        User other = client.newUser("other");
        JsonObject folder = drive.createFolder(owner, "root", "private");
        JsonObject file = upload(owner, "secret.txt");
        JsonObject mine = drive.createFolder(other, "root", "mine");
        String ownRoot = id(drive.root(owner));
        for (String id : new String[]{id(folder), id(file), ownRoot, "d999999999", "f999999999", "x1", "d", "12",
                "d-1", "d1e3", "f99999999999999999999", "ROOT", "%20"}) {
            for (String[] request : new String[][]{{"GET", "/nodes/" + id}, {"GET", "/nodes/" + id + "/children"},
                    {"POST", "/nodes/" + id + "/children"}, {"GET", "/nodes/" + id + "/content"},
                    {"PATCH", "/nodes/" + id}}) {
                String body = request[0].equals("POST") ? folderBody("n") : request[0].equals("PATCH")
                        ? json("name", "n").toString() : null;
                JsonObject problem = drive.expectProblem(404, "not_found", other, request[0], request[1], body);
                assertFalse(problem.toString().contains(owner.name()), problem.toString());
            }
            drive.expectProblem(404, "not_found", drive.patch(other, id(mine), "parent", id));
        }
        Answer head = drive.send(other, "HEAD", "/nodes/" + id(file) + "/content", null);
        assertEquals(404, head.status());
        assertEquals(List.of("private", "secret.txt"), drive.names(owner, "root", ""), "nothing changed for the owner");
        assertEquals(List.of(), drive.names(other, id(mine), ""));
        drive.expectProblem(404, "not_found", drive.send(owner, "GET", "/nodes/" + id(folder) + "/content", null));
        drive.expectProblem(404, "not_found", drive.patch(owner, id(folder), "parent", id(file)));
    }

    @Test
    void everyRequestNeedsALiveBearerToken() {
        User u = client.newUser("bearer");
        User other = client.newUser("bearer");
        String folder = id(drive.createFolder(u, "root", "f"));
        String[][] requests = {{"GET", "/me"}, {"GET", "/nodes/root"}, {"GET", "/nodes/" + folder + "/children"},
                {"POST", "/nodes/root/children"}, {"PATCH", "/nodes/" + folder}, {"GET", "/nodes/" + folder + "/content"}};
        for (String[] r : requests) {
            for (String[] header : new String[][]{{}, {"Authorization", "Bearer"}, {"Authorization", "Bearer wrong"},
                    {"Authorization", "Bearer " + u.token() + "x"}, {"Authorization", "Basic " + u.token()},
                    {"Authorization", u.token()}, {"Token", u.token()}, {"Authorization", "Bearer " + "t".repeat(200)}}) {
                Answer a = drive.send(null, r[0], r[1], r[0].equals("GET") ? null : folderBody("z"), header);
                drive.expectProblem(401, "unauthorized", a);
                assertEquals("Bearer", a.header("WWW-Authenticate"));
            }
        }
        assertEquals(200, drive.send(null, "GET", "/nodes/root", null, "Authorization", "bearer " + u.token()).status(),
                "the scheme is case-insensitive");
        assertEquals(List.of("f"), drive.names(u, "root", ""), "nothing was created");
        assertEquals(List.of(), drive.names(other, "root", ""), "a token acts for its own user only");
    }

    @Test
    void aTokenStoreOutageAnswers503() throws Exception {
        User u = client.newUser("outage");
        TestEnvironment.redis().stop();
        try {
            Answer a = drive.send(u, "GET", "/me", null);
            drive.expectProblem(503, "unavailable", a);
            assertEquals("5", a.header("Retry-After"));
        } finally {
            TestEnvironment.redis().start();
        }
        User again = client.relogin(u);
        assertEquals(200, drive.send(again, "GET", "/me", null).status(), "served again once Redis is back");
    }

    @Test
    void unknownPathsAndMethodsAnswerProblems() {
        User u = client.newUser("paths");
        drive.expectProblem(404, "not_found", u, "GET", "/nothing/here", null);
        drive.expectProblem(404, "not_found", null, "GET", "/nothing", null);
        Answer put = drive.send(u, "PUT", "/nodes/root", "{}");
        assertEquals("invalid", drive.expectProblem(405, "invalid", put).getString("code"));
        assertTrue(Arrays.asList(String.valueOf(put.header("Allow")).split(",\\s*")).containsAll(List.of("GET",
                "PATCH", "DELETE")), "a 405 names the methods the resource takes: " + put.header("Allow"));
        Answer seed = client.send("GET", "/api/nothing", null, null);
        assertEquals(404, seed.status(), "outside /api/v2 JAX-RS answers as before");
        assertFalse(String.valueOf(seed.header("Content-Type")).contains("problem"), "no problem outside /api/v2");
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listsAFolderPagedAndSortedWithFoldersFirst() {
        User u = client.newUser("list");
        JsonObject box = drive.createFolder(u, "root", "box");
        String in = id(box);
        drive.createFolder(u, in, "m-folder");
        drive.createFolder(u, in, "B-folder");
        // files by upload order: c (300 bytes), a (100), b (200); then downloads: b 2, c 1
        for (Object[] f : new Object[][]{{"c.txt", 300}, {"a.txt", 100}, {"b.txt", 200}}) {
            drive.move(u, id(upload(u, (String) f[0], uniqueContent("l", (int) f[1]))), in);
        }
        Map<String, String> ids = new HashMap<>();
        drive.children(u, in, "?limit=10").getJsonArray("items").getValuesAs(JsonValue::asJsonObject)
                .forEach(n -> ids.put(n.getString("name"), id(n)));
        for (String[] download : new String[][]{{"b.txt"}, {"b.txt"}, {"c.txt"}}) {
            assertEquals(200, drive.send(u, "GET", "/nodes/" + ids.get(download[0]) + "/content", null).status());
        }

        assertEquals(List.of("B-folder", "m-folder", "a.txt", "b.txt", "c.txt"), drive.names(u, in, ""));
        assertEquals(List.of("m-folder", "B-folder", "c.txt", "b.txt", "a.txt"), drive.names(u, in, "?order=desc"));
        assertEquals(List.of("B-folder", "m-folder", "a.txt", "b.txt", "c.txt"), drive.names(u, in, "?sort=size"));
        assertEquals(List.of("m-folder", "B-folder", "c.txt", "b.txt", "a.txt"),
                drive.names(u, in, "?sort=size&order=desc"));
        assertEquals(List.of("m-folder", "B-folder", "c.txt", "a.txt", "b.txt"), drive.names(u, in, "?sort=created"));
        assertEquals(List.of("B-folder", "m-folder", "a.txt", "c.txt", "b.txt"), drive.names(u, in, "?sort=downloads"));

        for (String order : new String[]{"name", "created", "size", "downloads"}) {
            for (String direction : new String[]{"asc", "desc"}) {
                // pages in the files' second half are read from their other end: each is the whole listing's slice
                String query = "?sort=" + order + "&order=" + direction;
                List<String> all = drive.names(u, in, query);
                for (int offset = 0; offset <= all.size(); offset++) {
                    for (int limit = 1; limit <= 3; limit++) {
                        assertEquals(all.subList(offset, Math.min(offset + limit, all.size())),
                                drive.names(u, in, query + "&offset=" + offset + "&limit=" + limit), query + " "
                                        + offset + "+" + limit);
                    }
                }
            }
        }

        JsonObject page = drive.children(u, in, "?offset=1&limit=2");
        assertEquals(5, page.getInt("total"));
        assertEquals(List.of("m-folder", "a.txt"), page.getJsonArray("items").getValuesAs(JsonValue::asJsonObject)
                .stream().map(n -> n.getString("name")).toList(), "a page across folders and files");
        assertEquals(List.of("c.txt"), drive.names(u, in, "?offset=4"));
        JsonObject past = drive.children(u, in, "?offset=9");
        assertEquals(List.of(), past.getJsonArray("items"));
        assertEquals(5, past.getInt("total"));

        for (String bad : new String[]{"?offset=-1", "?offset=x", "?limit=0", "?limit=1001", "?limit=1.5",
                "?sort=color", "?sort=NAME", "?order=up", "?offset=99999999999"}) {
            drive.expectProblem(400, "invalid", u, "GET", "/nodes/" + in + "/children" + bad, null);
        }
        assertEquals(List.of("c.txt"), drive.names(u, in, "?offset=4&limit=1000"), "limit 1000 is allowed");
    }

    @Test
    void aPageHoldsAHundredNodesUnlessAskedOtherwise() {
        User u = client.newUser("page");
        String in = id(drive.createFolder(u, "root", "many"));
        for (int i = 0; i < 101; i++) {
            drive.createFolder(u, in, String.format("f%03d", i));
        }
        JsonObject first = drive.children(u, in, "");
        assertEquals(101, first.getInt("total"));
        assertEquals(100, first.getJsonArray("items").size());
        assertEquals(List.of("f100"), drive.names(u, in, "?offset=100"));
    }

    // ---------------------------------------------------------------- content

    @Test
    void servesTheContentWithRangesAndCountsEachDownloadOnce() {
        User u = client.newUser("content");
        byte[] bytes = uniqueContent("content", 4000);
        String name = "Résumé \"final\" 2026.txt";
        String id = id(upload(u, name, bytes));
        String path = "/nodes/" + id + "/content";

        Answer whole = drive.send(u, "GET", path, null);
        assertEquals(200, whole.status());
        assertArrayEquals(bytes, whole.body());
        assertEquals('"' + md5(bytes) + '"', whole.header("ETag"));
        assertEquals(Integer.toString(bytes.length), whole.header("Content-Length"));
        String disposition = whole.header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment; filename=\"R_sum_ \\\"final\\\" 2026.txt\""), disposition);
        assertTrue(disposition.endsWith("filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20")), disposition);
        assertEquals(1, drive.node(u, id).getInt("downloads"));

        Answer tail = drive.send(u, "GET", path, null, "Range", "bytes=1000-1999");
        assertEquals(206, tail.status());
        assertArrayEquals(Arrays.copyOfRange(bytes, 1000, 2000), tail.body());
        assertEquals("bytes 1000-1999/" + bytes.length, tail.header("Content-Range"));
        Answer start = drive.send(u, "GET", path, null, "Range", "bytes=0-9");
        assertEquals(206, start.status());
        assertArrayEquals(Arrays.copyOf(bytes, 10), start.body());
        assertEquals(416, drive.send(u, "GET", path, null, "Range", "bytes=99999-").status());
        assertEquals(304, drive.send(u, "GET", path, null, "If-None-Match", '"' + md5(bytes) + '"').status());
        Answer head = drive.send(u, "HEAD", path, null);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(Integer.toString(bytes.length), head.header("Content-Length"));
        assertEquals(2, drive.node(u, id).getInt("downloads"), "counted: the whole file and the range from byte 0");
        assertEquals(2, client.myFiles(u, "normal").get(0).getInt("pv"), "the seed's pv is the same count");

        Answer empty = drive.send(u, "GET", "/nodes/" + id(upload(u, "empty", new byte[0])) + "/content", null);
        assertEquals(200, empty.status());
        assertEquals(0, empty.body().length);
    }

    // ---------------------------------------------------------------- the seed's protocol beside the tree

    @Test
    void theSeedsProtocolSeesTheRootFolderOnly() {
        User u = client.newUser("seed");
        JsonObject folder = drive.createFolder(u, "root", "inside");
        byte[] bytes = uniqueContent("seed", 300);
        JsonObject file = upload(u, "doc.txt", bytes);
        upload(u, "stays.txt");
        long rows = Db.userFiles(u.name());

        drive.move(u, id(file), id(folder));
        assertEquals(List.of("stays.txt"), client.myFiles(u, "normal").stream().map(f -> f.getString("filename")).toList());
        assertEquals(1, client.myCount(u), "/myfiles counts root files");
        assertEquals(rows, Db.number("select count from user_file_count where user = ?", u.name()),
                "user_file_count counts the files of every folder");

        assertEquals("008", client.uploadLegacy(u, "doc.txt", bytes), "the same file again, into root");
        assertEquals(2, client.myCount(u));
        assertEquals("004", client.instant(u, md5(bytes), "doc.txt"), "root has it now");
        assertEquals(List.of("doc.txt"), drive.names(u, id(folder), ""), "the copy in the folder stays");
    }

    @Test
    void filesInFoldersCanBeSharedAndRenamingTakesThemOutOfThePublicList() {
        User u = client.newUser("share");
        JsonObject folder = drive.createFolder(u, "root", "photos");
        byte[] bytes = uniqueContent("shared", 200);
        String name = CloudDiskClient.uniqueName("holiday") + ".jpg";
        JsonObject file = upload(u, name, bytes);
        drive.move(u, id(file), id(folder));
        int shares = client.shareCount();

        assertEquals("010", client.dealFile("share", u, md5(bytes), name), "a file in a folder");
        assertTrue(drive.node(u, id(file)).getBoolean("shared"));
        assertEquals(shares + 1, client.shareCount());
        drive.move(u, id(file), "root");
        assertTrue(drive.node(u, id(file)).getBoolean("shared"), "moving keeps the share");

        JsonObject renamed = drive.patch(u, id(file), "name", "renamed.jpg").json().asJsonObject();
        assertFalse(renamed.getBoolean("shared"), "the public list names it by its old name");
        assertEquals(shares, client.shareCount());
        assertTrue(client.allShared("normal").stream().noneMatch(f -> f.getString("filename").equals(name)));
    }

    private static List<Map<String, String>> steps(JsonObject node) {
        return node.getJsonArray("path").getValuesAs(JsonValue::asJsonObject).stream()
                .map(s -> Map.of("id", s.getString("id"), "name", s.getString("name"))).toList();
    }

    // ---------------------------------------------------------------- search

    @Test
    void searchFindsLiveNodesByAnyCaseSubstringWithTheirPaths() {
        User u = client.newUser("search");
        JsonObject reports = drive.createFolder(u, "root", "Old Reports");
        JsonObject file = upload(u, "Q3 REPORT.pdf");
        drive.move(u, id(file), id(reports));
        JsonObject trashed = drive.createFolder(u, "root", "report drafts");
        drive.move(u, id(drive.createFolder(u, "root", "inner report")), id(trashed));
        drive.trash(u, id(trashed));
        upload(client.newUser("search-other"), "report.txt");

        JsonObject hits = drive.expect(200, u, "GET", "/search?q=rEpOrT", null);
        assertEquals(2, hits.getInt("total"), "neither the trashed folder nor what it holds, nor others' files");
        List<JsonObject> items = hits.getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertEquals(List.of("Old Reports", "Q3 REPORT.pdf"), items.stream().map(n -> n.getString("name")).toList(),
                "folders first");
        String root = id(drive.root(u));
        assertEquals(List.of(Map.of("id", root, "name", "")), steps(items.get(0)));
        assertEquals(List.of(Map.of("id", root, "name", ""), Map.of("id", id(reports), "name", "Old Reports")),
                steps(items.get(1)));

        JsonObject second = drive.expect(200, u, "GET", "/search?q=report&offset=1&limit=1", null);
        assertEquals(List.of("Q3 REPORT.pdf"), second.getJsonArray("items").getValuesAs(JsonValue::asJsonObject)
                .stream().map(n -> n.getString("name")).toList());
        assertEquals(0, drive.expect(200, u, "GET", "/search?q=%25", null).getInt("total"),
                "LIKE's wildcards match themselves");
        drive.expectProblem(400, "invalid", u, "GET", "/search", null);
        drive.expectProblem(400, "invalid", u, "GET", "/search?q=", null);
        drive.expectProblem(400, "invalid", u, "GET", "/search?q=a&limit=0", null);
        drive.expectProblem(401, "unauthorized", null, "GET", "/search?q=a", null);
    }

    @Test
    void theOpenApiDocumentDescribesEveryV2Operation() {
        Answer a = client.get("/openapi?format=JSON");
        assertEquals(200, a.status(), a.text());
        JsonObject paths = a.json().asJsonObject().getJsonObject("paths");
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v2/me", List.of("get")),
                Map.entry("/api/v2/nodes/{id}", List.of("get", "patch", "delete")),
                Map.entry("/api/v2/nodes/{id}/children", List.of("get", "post")),
                Map.entry("/api/v2/nodes/{id}/content", List.of("get", "head")),
                Map.entry("/api/v2/nodes/{id}/thumbnail", List.of("get")),
                Map.entry("/api/v2/search", List.of("get")),
                Map.entry("/api/v2/trash", List.of("get", "delete")),
                Map.entry("/api/v2/trash/{id}", List.of("delete")),
                Map.entry("/api/v2/trash/{id}/restore", List.of("post")),
                Map.entry("/api/v2/admin/users", List.of("get")),
                Map.entry("/api/v2/admin/users/{user}", List.of("patch")),
                Map.entry("/api/v2/admin/stats", List.of("get")),
                Map.entry("/api/v2/links", List.of("get", "post")),
                Map.entry("/api/v2/links/{id}", List.of("delete")),
                Map.entry("/api/v2/public/links/{id}", List.of("get")),
                Map.entry("/api/v2/public/links/{id}/unlock", List.of("post")),
                Map.entry("/api/v2/public/links/{id}/children", List.of("get")),
                Map.entry("/api/v2/public/links/{id}/content", List.of("get", "head")),
                Map.entry("/api/v2/public/links/{id}/nodes/{node}/content", List.of("get", "head")),
                Map.entry("/api/v2/public/links/{id}/thumbnail", List.of("get")),
                Map.entry("/api/v2/public/links/{id}/nodes/{node}/thumbnail", List.of("get")),
                Map.entry("/api/v2/instant", List.of("post")),
                Map.entry("/api/v2/instant/{challenge}", List.of("post")),
                Map.entry("/api/v2/uploads", List.of("options", "post")),
                Map.entry("/api/v2/uploads/{id}", List.of("head", "patch", "delete")));
        expected.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), path + " missing from " + paths.keySet());
            for (String method : methods) {
                assertTrue(paths.getJsonObject(path).containsKey(method), method + " " + path);
            }
        });
        assertEquals(expected.keySet(), paths.keySet(), "the document describes the v2 API only");
        JsonObject bearer = a.json().asJsonObject().getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer");
        assertEquals("http", bearer.getString("type"));
        assertEquals("bearer", bearer.getString("scheme"));
    }
}
