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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.DriveClient.id;
import static org.clouddisk.it.TusRequests.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search (API.md, "Search") over the name index: the same answer as a brute-force filter of the user's live names,
 * whatever path changed them, for queries the index answers (3+ characters), short ones it leaves to the scan, and
 * queries whose every gram is common; under concurrent renames and uploads too. After each test the invariant
 * checker compares the index with every name.
 */
class SearchIT extends Deployments {

    /** Characters whose lowercase is the same in Java and in MariaDB, LIKE's wildcards and escape among them. */
    private static final String ALPHABET = "aAbBcCxX01%_!\\ .-éÉäÄωΩ文";
    private static final String SUPPLEMENTARY = "😀";

    private final DriveClient drive = new DriveClient(client);
    private final TusRequests tus = new TusRequests(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    /** A node as the brute force sees it. */
    private record Entry(String id, String name, String parent) {
    }

    @Test
    void answersWhatABruteForceFilterOfRandomNamesAnswers() {
        User u = client.newUser("search-random");
        var random = new Random(20261130);
        String folder = id(drive.createFolder(u, "root", "Xa%b"));
        Set<String> names = new TreeSet<>();
        while (names.size() < 120) {
            names.add(randomName(random));
        }
        List<String> ordered = new ArrayList<>(names);
        for (int i = 0; i < ordered.size(); i++) {
            assertEquals("008", client.uploadLegacy(u, "upload-" + i + ".bin", uniqueContent("random " + i, 20)));
        }
        List<JsonObject> uploaded = children(u, "root").stream().filter(n -> n.getString("kind").equals("file")).toList();
        assertEquals(ordered.size(), uploaded.size());
        for (int i = 0; i < uploaded.size(); i++) { // every other one into the folder, some renamed twice
            String node = id(uploaded.get(i));
            if (i % 7 == 0) {
                rename(u, node, "first " + ordered.get(i));
            }
            Answer renamed = drive.patch(u, node, "name", ordered.get(i));
            assertEquals(200, renamed.status(), renamed.text());
            if (i % 2 == 1) {
                drive.move(u, node, folder);
            }
        }
        drive.trash(u, id(children(u, folder).get(0))); // hidden from search from now on

        List<String> queries = new ArrayList<>(List.of("a", "%", "_", "!", "\\", "ab", "%_", "aaa", "xa%", "Xa%b",
                "ÉÄΩ", "文文文", SUPPLEMENTARY, "a" + SUPPLEMENTARY + "b", "zzz", ".-.", "  ", "   "));
        for (int i = 0; i < 70; i++) { // pieces of names in random case, and random strings
            String name = ordered.get(random.nextInt(ordered.size()));
            int[] points = name.codePoints().toArray();
            int start = random.nextInt(points.length);
            int length = 1 + random.nextInt(Math.min(6, points.length - start));
            String piece = new String(points, start, length);
            queries.add(random.nextBoolean() ? piece.toUpperCase(Locale.ROOT) : piece);
            queries.add(codePoints(randomName(random), 1 + random.nextInt(2)));
        }
        for (String q : queries) {
            assertSearchIsBruteForce(u, q);
            assertSearchIsBruteForce(u, q, 1, 2); // a page that does not end the hits: they are counted
        }
        String rare = ordered.stream().map(name -> codePoints(name, 3))
                .filter(q -> q.length() == 3 && q.codePoints().allMatch(Character::isBmpCodePoint))
                .findFirst().orElseThrow();
        assertSearchIsBruteForce(u, rare, 200, 5); // past the end of a rare gram's hits: counted on their own
        assertSearchIsBruteForce(u, "a", 3, 5); // pages of both paths
        assertSearchIsBruteForce(u, codePoints("x" + ordered.get(10), 3), 1, 1);
    }

    @Test
    void aQueryWhoseGramsAreAllCommonIsPagedAndCountedExactly() {
        User u = client.newUser("search-common");
        byte[] content = uniqueContent("common", 50);
        CloudDiskClient.concurrently(8, thread -> { // more than NameIndex.COMMON files hold each gram of "common-"
            for (int i = thread; i < 1100; i += 8) {
                assertEquals("008", client.uploadLegacy(u, String.format("Common-%04d.txt", i), content));
            }
            return null;
        });
        String folder = id(drive.createFolder(u, "root", "common folder"));
        List<JsonObject> files = children(u, "root").stream().filter(n -> n.getString("kind").equals("file")).toList();
        drive.move(u, id(files.get(5)), folder);
        drive.trash(u, id(files.get(7)));
        rename(u, id(files.get(9)), "Uncommon.txt");
        for (String q : List.of("common-", "COMMON", "mon-10", "on-0999.", "txt")) {
            assertSearchIsBruteForce(u, q, 0, 50);
            assertSearchIsBruteForce(u, q, 1000, 50);
        }
        assertSearchIsBruteForce(u, "common-", 1095, 10);
    }

    @Test
    void everyPathThatNamesOrRemovesAFileKeepsSearchExact() throws InterruptedException {
        User u = client.newUser("search-paths");
        User sharer = client.newUser("search-sharer");
        String folder = id(drive.createFolder(u, "root", "Paths"));

        assertEquals("008", client.uploadLegacy(u, "Legacy Form.txt", uniqueContent("legacy", 30)));
        assertEquals("008", client.uploadMultipart(u, "Multipart Form.txt", uniqueContent("multipart", 30)));
        byte[] held = uniqueContent("held by md5", 40);
        assertEquals("008", client.uploadLegacy(sharer, "held.bin", held));
        assertEquals("005", client.instant(u, md5(held), "Md5 Instant.bin"));
        byte[] big = Arrays.copyOf(uniqueContent("instant v2", 20), 1 << 20);
        assertEquals("008", client.uploadLegacy(sharer, "big.bin", big));
        JsonObject challenge = drive.expect(200, u, "POST", "/instant", json("parent", folder, "name",
                "Proven Instant.bin", "md5", md5(big), "size", big.length).toString());
        Answer proven = drive.send(u, "POST", "/instant/" + challenge.getString("challenge"),
                json("proof", InstantIT.proof(challenge, big)).toString());
        assertEquals(201, proven.status(), proven.text());
        byte[] tusBytes = uniqueContent("tus", 60);
        String upload = tus.begin(u, tusBytes.length, metadata("name", "Tus Finished.txt", "parent", folder));
        assertEquals(204, tus.patch(u, upload, 0, tusBytes).status());
        byte[] shared = uniqueContent("shared", 30);
        assertEquals("008", client.uploadLegacy(sharer, "Shared Saved.pdf", shared));
        assertEquals("010", client.dealFile("share", sharer, md5(shared), "Shared Saved.pdf"));
        assertEquals("020", client.dealShare("save", u, md5(shared), "Shared Saved.pdf"));
        assertNames(u, "form", "Legacy Form.txt", "Multipart Form.txt");
        assertNames(u, "instant", "Md5 Instant.bin", "Proven Instant.bin");
        assertNames(u, "tus fin", "Tus Finished.txt");
        assertNames(u, "saved", "Shared Saved.pdf");
        assertNames(sharer, "saved", "Shared Saved.pdf");

        String legacy = find(u, "Legacy Form.txt");
        rename(u, legacy, "Renamed Once.txt");
        assertNames(u, "form", "Multipart Form.txt");
        assertNames(u, "renamed", "Renamed Once.txt");
        drive.move(u, legacy, folder); // a move keeps the name: still found, with its new path
        assertNames(u, "renamed", "Renamed Once.txt");

        String tusFile = find(u, "Tus Finished.txt");
        drive.trash(u, tusFile);
        assertNames(u, "finished");
        String paths = folder;
        drive.trash(u, paths); // the folder's files leave the answers with it
        assertNames(u, "instant", "Md5 Instant.bin");
        assertNames(u, "renamed");
        assertEquals(200, drive.send(u, "POST", "/trash/" + paths + "/restore", null).status());
        assertNames(u, "renamed", "Renamed Once.txt");

        // a restore into a taken name renames: the index follows
        byte[] again = uniqueContent("again", 30);
        assertEquals("008", client.uploadLegacy(u, "Tus Finished.txt", again));
        drive.move(u, find(u, "Tus Finished.txt"), folder);
        Answer restored = drive.send(u, "POST", "/trash/" + tusFile + "/restore", null);
        assertEquals(200, restored.status(), restored.text());
        assertEquals("Tus Finished (1).txt", restored.json().asJsonObject().getString("name"));
        assertNames(u, "finished (1)", "Tus Finished (1).txt");
        assertNames(u, "finished", "Tus Finished (1).txt", "Tus Finished.txt");

        // purge one, then empty, then the timer: each deletes rows, and their grams (the checker says)
        String purged = find(u, "Md5 Instant.bin");
        drive.trash(u, purged);
        assertEquals(204, drive.send(u, "DELETE", "/trash/" + purged, null).status());
        assertNames(u, "instant", "Proven Instant.bin");
        Invariants.assertHold();
        drive.trash(u, find(u, "Multipart Form.txt"));
        drive.trash(u, folder);
        assertEquals(204, drive.send(u, "DELETE", "/trash", null).status());
        assertNames(u, "instant");
        assertNames(u, "form");
        Invariants.assertHold();
        String expiring = find(u, "Shared Saved.pdf");
        drive.trash(u, expiring);
        Db.update("update user_file_list set trashed_at = trashed_at - interval 31 day where id = ?",
                Long.parseLong(expiring.substring(1)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Db.number("select count(*) from user_file_list where id = ?", Long.parseLong(expiring.substring(1))) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, Db.number("select count(*) from name_gram where file_id = ?",
                Long.parseLong(expiring.substring(1))), "the timer's purge took the grams");
        assertNames(u, "saved");
        assertNames(sharer, "saved", "Shared Saved.pdf");
    }

    @Test
    void theIndexHoldsTheDistinctGramsOfTheLowercasedName() {
        User u = client.newUser("search-grams");
        assertEquals("008", client.uploadLegacy(u, "AbAbA.TXT", uniqueContent("grams", 20)));
        String file = find(u, "AbAbA.TXT");
        List<String> grams = new ArrayList<>();
        try (var c = Invariants.connect(); var s = c.prepareStatement("select gram from name_gram where file_id = ?"
                + " and user = ? order by gram")) {
            s.setLong(1, Long.parseLong(file.substring(1)));
            s.setString(2, u.name());
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    grams.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(".tx", "a.t", "aba", "ba.", "bab", "txt"), grams.stream().sorted().toList());
    }

    /** Parallel renames and uploads of one user, then every search answers what the final names imply. */
    @Test
    void afterConcurrentRenamesAndUploadsSearchIsBruteForce() {
        User u = client.newUser("search-race");
        for (int i = 0; i < 24; i++) {
            assertEquals("008", client.uploadLegacy(u, "race-" + i + ".bin", uniqueContent("race " + i, 20)));
        }
        List<String> files = children(u, "root").stream().map(DriveClient::id).toList();
        var answers = ConcurrentHashMap.<Integer>newKeySet();
        CloudDiskClient.concurrently(32, thread -> {
            var random = new Random(thread);
            for (int i = thread; i < 96; i += 32) {
                if (i % 3 == 0) {
                    answers.add(client.uploadLegacy(u, "Race New " + i + " " + randomName(random) + ".bin",
                            uniqueContent("race new " + i, 20)).equals("008") ? 200 : 0);
                } else {
                    String target = files.get(random.nextInt(files.size()));
                    answers.add(drive.patch(u, target, "name", "Race Renamed " + (i % 5) + randomName(random))
                            .status());
                }
            }
            return null;
        });
        assertTrue(Set.of(200, 409).containsAll(answers), "renames and uploads answer 200 or name_conflict: " + answers);
        for (String q : List.of("race", "race renamed 1", "renamed 3", "new", "new 1", "bin", "ace", "%", "ab")) {
            assertSearchIsBruteForce(u, q);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String randomName(Random random) {
        int length = 1 + random.nextInt(random.nextInt(4) == 0 ? 2 : 12);
        var name = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(25) == 0) {
                name.append(SUPPLEMENTARY);
            } else {
                name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        String text = name.toString();
        return text.isBlank() || text.equals(".") || text.equals("..") ? "x" + text : text;
    }

    /** The first (at most) n code points of the text. */
    private static String codePoints(String text, int n) {
        int[] points = text.codePoints().limit(n).toArray();
        return new String(points, 0, points.length);
    }

    private void rename(User u, String node, String name) {
        Answer a = drive.patch(u, node, "name", name);
        assertEquals(200, a.status(), a.text());
    }

    private List<JsonObject> children(User u, String folder) {
        return drive.children(u, folder, "?limit=1000").getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
    }

    private String find(User u, String name) {
        return search(u, name, 0, 1000).stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not found")).id();
    }

    /** The user's live nodes, walked through the listing (not through search). */
    private List<Entry> everything(User u) {
        List<Entry> all = new ArrayList<>();
        List<String> folders = new ArrayList<>(List.of(id(drive.root(u))));
        while (!folders.isEmpty()) {
            String folder = folders.remove(0);
            int offset = 0;
            while (true) {
                JsonObject page = drive.children(u, folder, "?limit=1000&offset=" + offset);
                List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
                for (JsonObject n : items) {
                    all.add(new Entry(id(n), n.getString("name"), folder));
                    if (n.getString("kind").equals("folder")) {
                        folders.add(id(n));
                    }
                }
                offset += items.size();
                if (items.isEmpty() || offset >= page.getInt("total")) {
                    break;
                }
            }
        }
        return all;
    }

    private void assertSearchIsBruteForce(User u, String q) {
        assertSearchIsBruteForce(u, q, 0, 1000);
    }

    /**
     * The page of the search equals the brute force's slice: folders first by (name, id), then files by (name in
     * code point order, as the binary collation sorts, folder, id); the total equals the brute force's count.
     */
    private void assertSearchIsBruteForce(User u, String q, int offset, int limit) {
        String needle = q.toLowerCase(Locale.ROOT);
        Comparator<Entry> byName = (a, b) -> Arrays.compare(a.name().codePoints().toArray(), b.name().codePoints().toArray());
        Comparator<Entry> byRow = Comparator.comparingLong(e -> Long.parseLong(e.id().substring(1)));
        List<Entry> hits = everything(u).stream().filter(e -> e.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        List<Entry> expected = new ArrayList<>(hits.stream().filter(e -> e.id().startsWith("d"))
                .sorted(byName.thenComparing(byRow)).toList());
        expected.addAll(hits.stream().filter(e -> e.id().startsWith("f"))
                .sorted(byName.thenComparing(e -> rowOf(e.parent())).thenComparing(byRow)).toList());
        JsonObject answer = drive.expect(200, u, "GET", "/search?q=" + encode(q) + "&offset=" + offset
                + "&limit=" + limit, null);
        assertEquals(expected.size(), answer.getInt("total"), "total for '" + q + "'");
        List<String> page = answer.getJsonArray("items").getValuesAs(JsonValue::asJsonObject).stream()
                .map(n -> n.getString("id") + " " + n.getString("name")).toList();
        assertEquals(expected.stream().skip(offset).limit(limit).map(e -> e.id() + " " + e.name()).toList(), page,
                "hits for '" + q + "' at " + offset);
    }

    private List<Entry> search(User u, String q, int offset, int limit) {
        return drive.expect(200, u, "GET", "/search?q=" + encode(q) + "&offset=" + offset + "&limit=" + limit, null)
                .getJsonArray("items").getValuesAs(JsonValue::asJsonObject).stream()
                .map(n -> new Entry(n.getString("id"), n.getString("name"), n.getString("parent"))).toList();
    }

    /** The folder's row id (d + row): files sort by folder row within one name. */
    private static long rowOf(String folder) {
        return Long.parseLong(folder.substring(1));
    }

    private void assertNames(User u, String q, String... names) {
        assertEquals(List.of(names), search(u, q, 0, 1000).stream().map(Entry::name).toList(), "search '" + q + "'");
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
