package org.clouddisk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /md5, /myfiles, /dealfile and the download URLs (PROTOCOL.md, "Upload", "The user's files", "Download"). */
class FilesIT extends Deployments {

    private static final Random RANDOM = new Random();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String UNKNOWN_MD5 = "0123456789abcdef0123456789abcdef";

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Uploads fresh content as the user's file and answers its md5. */
    private String upload(User u, String name, byte[] bytes) {
        assertEquals("008", client.uploadLegacy(u, name, bytes), "upload of " + name);
        return md5(bytes);
    }

    private String upload(User u, String name) {
        return upload(u, name, content(1000 + RANDOM.nextInt(1000)));
    }

    private JsonObject file(User u, String md5, String name) {
        return client.myFiles(u, "normal").stream()
                .filter(f -> f.getString("md5").equals(md5) && f.getString("filename").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(u.name() + " has no " + name));
    }

    private List<String> names(User u, String cmd) {
        return client.myFiles(u, cmd).stream().map(f -> f.getString("filename")).toList();
    }

    /** Bodies that are not a valid request for (user, md5, name), each with what is wrong with it. */
    private static Map<String, byte[]> malformedBodies(User u, String md5, String name) {
        String user = "\"user\":\"" + u.name() + "\",\"token\":\"" + u.token() + "\"";
        var bodies = new java.util.LinkedHashMap<String, String>();
        bodies.put("empty", "");
        bodies.put("not JSON", "{oops");
        bodies.put("an array", "[\"" + u.name() + "\"]");
        bodies.put("a string", "\"" + u.name() + "\"");
        bodies.put("null", "null");
        bodies.put("no user", "{\"token\":\"" + u.token() + "\",\"md5\":\"" + md5 + "\",\"filename\":\"" + name + "\"}");
        bodies.put("user not a string", "{\"user\":[\"" + u.name() + "\"],\"token\":\"" + u.token() + "\",\"md5\":\""
                + md5 + "\",\"filename\":\"" + name + "\"}");
        bodies.put("no md5", "{" + user + ",\"filename\":\"" + name + "\"}");
        bodies.put("md5 a number", "{" + user + ",\"md5\":12345678901234567890123456789012,\"filename\":\"" + name + "\"}");
        bodies.put("md5 too short", "{" + user + ",\"md5\":\"" + md5.substring(1) + "\",\"filename\":\"" + name + "\"}");
        bodies.put("md5 too long", "{" + user + ",\"md5\":\"" + md5 + "0\",\"filename\":\"" + name + "\"}");
        bodies.put("md5 not hex", "{" + user + ",\"md5\":\"" + md5.substring(1) + "g\",\"filename\":\"" + name + "\"}");
        bodies.put("no filename", "{" + user + ",\"md5\":\"" + md5 + "\"}");
        bodies.put("empty filename", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":\"\"}");
        bodies.put("filename a number", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":7}");
        bodies.put("filename with a control character", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":\"" + name
                + "\\u0007\"}");
        bodies.put("filename with a newline", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":\"a\\nb\"}");
        bodies.put("filename of 256 characters", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":\""
                + "n".repeat(256) + "\"}");
        bodies.put("truncated", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":\"" + name);
        bodies.put("more after the object", "{" + user + ",\"md5\":\"" + md5 + "\",\"filename\":\"" + name + "\"} {}");
        var bytes = new java.util.LinkedHashMap<String, byte[]>();
        bodies.forEach((what, body) -> bytes.put(what, body.getBytes(StandardCharsets.UTF_8)));
        bytes.put("binary garbage", new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, '{', (byte) 0xc3});
        bytes.put("70 KiB of braces", "{".repeat(70 * 1024).getBytes(StandardCharsets.UTF_8));
        return bytes;
    }

    /** Content-Types clients send to the JSON endpoints; the server must ignore them all. */
    private static final String[] CONTENT_TYPES = {null, "application/json", "application/json; charset=bogus",
            "text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "json", "x;"};

    private void assertEveryMalformedBodyAnswers(String path, String failure, User u, String md5, String name) {
        malformedBodies(u, md5, name).forEach((what, body) -> {
            for (String type : CONTENT_TYPES) {
                assertEquals(failure, client.postRaw(path, body, type).asJsonObject().getString("code"),
                        path + " with " + what + " as " + type);
            }
        });
    }

    // ---------------------------------------------------------------- /md5

    @Test
    void instantUploadAnswersEachOfItsCodes() {
        User a = client.newUser("md5a");
        User b = client.newUser("md5b");
        String md5 = upload(a, "orig.txt");
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5));

        assertEquals("004", client.instant(a, md5, "orig.txt"), "a already has it under this name");
        assertEquals("005", client.instant(b, md5, "copy.txt"));
        assertEquals(OptionalInt.of(2), Db.fileInfoCount(md5));
        assertEquals(1, client.myCount(b));
        JsonObject copy = file(b, md5, "copy.txt");
        assertEquals(file(a, md5, "orig.txt").getString("url"), copy.getString("url"));
        assertEquals(0, copy.getInt("pv"));
        assertEquals("004", client.instant(b, md5.toUpperCase(Locale.ROOT), "copy.txt"), "md5 is case-insensitive");
        assertEquals("005", client.instant(a, md5, "second name.txt"), "the same content under another name");
        assertEquals(OptionalInt.of(3), Db.fileInfoCount(md5));
        assertEquals(2, client.myCount(a));

        assertEquals("006", client.instant(a, UNKNOWN_MD5, "x.txt"));
        assertEquals(2, client.myCount(a));
        assertEquals(OptionalInt.empty(), Db.fileInfoCount(UNKNOWN_MD5));
        Invariants.assertHold();
    }

    @Test
    void instantUploadChecksTheToken() {
        User a = client.newUser("md5t");
        User b = client.newUser("md5t");
        String md5 = upload(a, "t.txt");
        for (String token : new String[]{"wrong", "", a.token()}) {
            assertEquals("111", client.code("/md5", json("user", b.name(), "token", token, "md5", md5,
                    "fileName", "t.txt")), "token " + token);
        }
        assertEquals("111", client.code("/md5", json("user", b.name(), "md5", md5, "fileName", "t.txt")), "no token");
        assertEquals(0, client.myCount(b));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5));
        Invariants.assertHold();
    }

    @Test
    void instantUploadAnswers006ToMalformedBodies() {
        User u = client.newUser("md5m");
        String md5 = upload(u, "known.txt");
        User other = client.newUser("md5m");
        assertEveryMalformedBodyAnswers("/md5", "006", other, md5, "new.txt");
        assertEquals(0, client.myCount(other));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5));
        Invariants.assertHold();
    }

    // ---------------------------------------------------------------- /myfiles

    @Test
    void namesDifferingOnlyInCaseOrTrailingSpacesAreDifferentFiles() {
        User u = client.newUser("pad");
        byte[] bytes = content(500);
        String md5 = upload(u, "a.txt", bytes);
        upload(u, "a.txt ", bytes);
        upload(u, "A.txt", bytes);
        assertEquals(List.of("a.txt", "a.txt ", "A.txt"), names(u, "normal"));
        assertEquals(3, client.myCount(u));
        assertEquals("013", client.dealFile("del", u, md5, "a.txt "));
        assertEquals(List.of("a.txt", "A.txt"), names(u, "normal"));
        Invariants.assertHold();
    }

    @Test
    void countAnswersNumAsAStringAndCode110() {
        User u = client.newUser("cnt");
        assertEquals(Json.createObjectBuilder().add("num", "0").add("code", "110").build(),
                client.post("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
        upload(u, "a.txt");
        upload(u, "b.txt");
        assertEquals(Json.createObjectBuilder().add("num", "2").add("code", "110").build(),
                client.post("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
        User other = client.newUser("cnt");
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", u.name(), "token", other.token())));
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", u.name(), "token", "nope")));
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", u.name())));
    }

    @Test
    void listsEveryFieldOfAFreshUpload() {
        User u = client.newUser("fld");
        LocalDateTime before = LocalDateTime.now().minusSeconds(2);
        byte[] bytes = content(1234);
        String md5 = upload(u, "Report.Final.PDF", bytes);
        LocalDateTime after = LocalDateTime.now().plusSeconds(2);
        upload(u, "README");

        List<JsonObject> files = client.myFiles(u, "normal");
        assertEquals(2, files.size());
        JsonObject f = files.get(0);
        assertEquals(List.of("user", "md5", "time", "filename", "share_status", "pv", "url", "size", "type"),
                new ArrayList<>(f.keySet()));
        assertEquals(u.name(), f.getString("user"));
        assertEquals(md5, f.getString("md5"));
        assertTrue(f.getString("time").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), f.getString("time"));
        LocalDateTime time = LocalDateTime.parse(f.getString("time"), TIME);
        assertTrue(!time.isBefore(before) && !time.isAfter(after), time + " not within " + before + " .. " + after);
        assertEquals("Report.Final.PDF", f.getString("filename"));
        assertEquals(0, f.getJsonNumber("share_status").intValueExact());
        assertEquals(0, f.getJsonNumber("pv").longValueExact());
        String url = f.getString("url");
        assertTrue(url.startsWith(client.base() + "/group1/M00/"), url);
        assertEquals(1234, f.getJsonNumber("size").longValueExact());
        assertEquals("pdf", f.getString("type"));
        assertEquals("", files.get(1).getString("type"), "no extension");
        assertArrayEquals(bytes, client.get(url).body());
    }

    /** Five files with distinct upload times (set in the database) and download counts. */
    private User userWithFiveFiles() {
        User u = client.newUser("ord");
        // name -> [second of its upload time, pv]; uploaded in this order, so time order differs from insert order
        int[][] plan = {{5, 2}, {1, 1}, {3, 0}, {2, 1}, {4, 0}};
        for (int i = 0; i < plan.length; i++) {
            String name = "f" + (i + 1) + ".txt";
            String md5 = upload(u, name);
            assertEquals(1, Db.update("update user_file_list set create_time = ? where user = ? and file_name = ?",
                    "2021-03-04 10:00:0" + plan[i][0], u.name(), name));
            for (int pv = 0; pv < plan[i][1]; pv++) {
                assertEquals("016", client.dealFile("pv", u, md5, name));
            }
        }
        return u;
    }

    @Test
    void ordersByTimeOrByPvWithTiesByTime() {
        User u = userWithFiveFiles();
        assertEquals(List.of("f2.txt", "f4.txt", "f3.txt", "f5.txt", "f1.txt"), names(u, "normal"), "oldest first");
        assertEquals(List.of("f3.txt", "f5.txt", "f2.txt", "f4.txt", "f1.txt"), names(u, "pvasc"));
        assertEquals(List.of("f1.txt", "f2.txt", "f4.txt", "f3.txt", "f5.txt"), names(u, "pvdesc"));

        List<JsonObject> normal = client.myFiles(u, "normal");
        assertEquals(List.of("2021-03-04 10:00:01", "2021-03-04 10:00:02", "2021-03-04 10:00:03",
                "2021-03-04 10:00:04", "2021-03-04 10:00:05"), normal.stream().map(f -> f.getString("time")).toList());
        assertEquals(List.of(1L, 1L, 0L, 0L, 2L),
                normal.stream().map(f -> f.getJsonNumber("pv").longValueExact()).toList());
        for (JsonObject f : normal) {
            assertEquals(f.getJsonNumber("pv").longValueExact(), Db.number(
                    "select pv from user_file_list where user = ? and file_name = ?", u.name(), f.getString("filename")));
        }
    }

    @Test
    void pagesWithStartAndCount() {
        User u = userWithFiveFiles();
        assertEquals(List.of("f4.txt", "f3.txt"), page(u, "normal", 1, 2));
        assertEquals(List.of("f5.txt", "f1.txt"), page(u, "normal", 3, 100));
        assertEquals(List.of("f1.txt"), page(u, "normal", 4, 1));
        assertEquals(List.of("f2.txt", "f4.txt"), page(u, "pvasc", 2, 2));
        assertEquals(List.of("f3.txt", "f5.txt"), page(u, "pvdesc", 3, 5));
        assertEquals(List.of("f2.txt", "f4.txt", "f3.txt", "f5.txt", "f1.txt"), page(u, "normal", 0, 100));
        for (String cmd : new String[]{"normal", "pvasc", "pvdesc"}) {
            // pages in the second half are read from the list's other end: every page is the whole list's slice
            List<String> all = names(u, cmd);
            for (int start = 0; start <= all.size(); start++) {
                for (int count = 1; count <= all.size() + 1; count++) {
                    assertEquals(all.subList(start, Math.min(start + count, all.size())), page(u, cmd, start, count),
                            cmd + " start " + start + " count " + count);
                }
            }
            assertEquals(5, client.myCount(u));
            for (int start : new int[]{5, 6, 1000, Integer.MAX_VALUE}) {
                assertEquals(Json.createObjectBuilder().add("file", Json.createArrayBuilder()).build(),
                        client.myFilesPage(u, cmd, start, 10), cmd + " past the end at " + start);
            }
        }
    }

    private List<String> page(User u, String cmd, int start, int count) {
        return client.myFilesPage(u, cmd, start, count).getJsonArray("file").getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("filename")).toList();
    }

    @Test
    void refusesBadPagesAndUnknownCommandsWith015() {
        User u = client.newUser("pg");
        upload(u, "only.txt");
        for (String cmd : new String[]{"normal", "pvasc", "pvdesc"}) {
            assertEquals("015", client.myFilesPage(u, cmd, 0, 0).getString("code"), cmd + " count 0");
            assertEquals("015", client.myFilesPage(u, cmd, 0, 101).getString("code"), cmd + " count 101");
            assertEquals("015", client.myFilesPage(u, cmd, 0, -1).getString("code"), cmd + " count -1");
            assertEquals("015", client.myFilesPage(u, cmd, -1, 10).getString("code"), cmd + " start -1");
            assertEquals("015", client.myFilesPage(u, cmd, 0, "ten").getString("code"), cmd + " count not a number");
            assertEquals("015", client.myFilesPage(u, cmd, 0, 2.5).getString("code"), cmd + " count not whole");
            assertEquals("015", client.myFilesPage(u, cmd, 10_000_000_000L, 10).getString("code"), cmd + " start > int");
            assertEquals("015", client.code("/myfiles?cmd=" + cmd, json("user", u.name(), "token", u.token(),
                    "count", 10)), cmd + " without start");
            assertEquals("015", client.code("/myfiles?cmd=" + cmd, json("user", u.name(), "token", u.token(),
                    "start", 0)), cmd + " without count");
            assertEquals("111", client.myFilesPage(new User(u.name(), "bad"), cmd, 0, 10).getString("code"));
        }
        for (String path : new String[]{"/myfiles?cmd=nosuch", "/myfiles", "/myfiles?cmd="}) {
            assertEquals("015", client.code(path, json("user", u.name(), "token", u.token(), "start", 0, "count", 10)),
                    path);
        }
        assertEquals(1, client.myFilesPage(u, "normal", 0, 100).getJsonArray("file").size(), "count 100 is allowed");
    }

    @Test
    void myFilesAnswers015ToMalformedBodies() {
        User u = client.newUser("mfm");
        for (String cmd : new String[]{"count", "normal", "pvasc", "pvdesc"}) {
            for (String body : new String[]{"", "{oops", "[]", "null", "42", "{\"token\":\"" + u.token() + "\"}",
                    "{\"user\":7,\"token\":\"" + u.token() + "\"}", "{\"user\":\"" + "u".repeat(33) + "\"}"}) {
                for (String type : CONTENT_TYPES) {
                    assertEquals("015", client.postRaw("/myfiles?cmd=" + cmd, body.getBytes(StandardCharsets.UTF_8),
                            type).asJsonObject().getString("code"), cmd + " " + body + " as " + type);
                }
            }
        }
    }

    // ---------------------------------------------------------------- /dealfile

    @Test
    void sharesOnceAndAnswers012ForAnyLaterShareOfTheSameFile() {
        User a = client.newUser("shr");
        User b = client.newUser("shr");
        String md5 = upload(a, "shared.txt");
        assertEquals("010", client.dealFile("share", a, md5, "shared.txt"));
        assertEquals(1, file(a, md5, "shared.txt").getInt("share_status"));
        assertEquals(1, Db.number("select count(*) from share_file_list where user = ? and md5 = ? and file_name = ?",
                a.name(), md5, "shared.txt"));
        assertEquals(1, Db.number("select shared_status from user_file_list where user = ? and file_name = ?",
                a.name(), "shared.txt"));
        assertEquals("012", client.dealFile("share", a, md5, "shared.txt"), "already shared");
        assertEquals("005", client.instant(b, md5, "shared.txt"));
        assertEquals("012", client.dealFile("share", b, md5, "shared.txt"), "the same md5 + name by somebody else");
        assertEquals(0, file(b, md5, "shared.txt").getInt("share_status"));
        assertEquals("011", client.dealFile("share", b, md5, "not mine.txt"), "no such file");
        assertEquals("011", client.dealFile("share", b, UNKNOWN_MD5, "shared.txt"), "no such file");
        assertEquals("111", client.dealFile("share", new User(b.name(), a.token()), md5, "shared.txt"));
        Invariants.assertHold();

        // Deleting a shared file takes its share away too.
        assertEquals("013", client.dealFile("del", a, md5, "shared.txt"));
        assertEquals(0, Db.number("select count(*) from share_file_list where md5 = ?", md5));
        assertEquals("010", client.dealFile("share", b, md5, "shared.txt"), "free to share again");
        Invariants.assertHold();
    }

    @Test
    void countsDownloadsOfTheUsersOwnFile() {
        User a = client.newUser("pv");
        User b = client.newUser("pv");
        String md5 = upload(a, "pv.txt");
        assertEquals("016", client.dealFile("pv", a, md5, "pv.txt"));
        assertEquals("016", client.dealFile("pv", a, md5.toUpperCase(Locale.ROOT), "pv.txt"));
        assertEquals(2, file(a, md5, "pv.txt").getJsonNumber("pv").longValueExact());
        assertEquals(2, Db.number("select pv from user_file_list where user = ? and md5 = ?", a.name(), md5));
        assertEquals("017", client.dealFile("pv", b, md5, "pv.txt"), "b has no such file");
        assertEquals("017", client.dealFile("pv", a, md5, "other.txt"));
        assertEquals("017", client.dealFile("pv", a, UNKNOWN_MD5, "pv.txt"));
        assertEquals("111", client.dealFile("pv", new User(a.name(), "bad"), md5, "pv.txt"));
        assertEquals("111", client.dealFile("pv", new User(a.name(), b.token()), md5, "pv.txt"));
        assertEquals(2, file(a, md5, "pv.txt").getJsonNumber("pv").longValueExact());
    }

    @Test
    void deleteAnswers013ThenNothingIsLeftAnd014() {
        User u = client.newUser("del");
        String md5 = upload(u, "gone.txt");
        String keep = upload(u, "kept.txt");
        assertEquals("111", client.dealFile("del", new User(u.name(), "bad"), md5, "gone.txt"));
        assertEquals("014", client.dealFile("del", u, md5, "other name.txt"));
        assertEquals("014", client.dealFile("del", u, UNKNOWN_MD5, "gone.txt"));
        assertEquals(2, client.myCount(u));

        assertEquals("013", client.dealFile("del", u, md5, "gone.txt"));
        assertEquals(1, client.myCount(u));
        assertEquals(List.of("kept.txt"), names(u, "normal"));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5), "the trash holds it until it is purged");
        client.emptyTrash(u);
        assertEquals(OptionalInt.empty(), Db.fileInfoCount(md5));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(keep));
        assertEquals("014", client.dealFile("del", u, md5, "gone.txt"), "already deleted");
        Invariants.assertHold();
    }

    @Test
    void deleteReleasesContentOnlyWithItsLastHolder() {
        User a = client.newUser("ref");
        User b = client.newUser("ref");
        byte[] bytes = content(4096);
        String md5 = upload(a, "a.bin", bytes);
        assertEquals("005", client.instant(b, md5, "b.bin"));
        assertEquals("005", client.instant(b, md5, "b2.bin"));
        assertEquals(OptionalInt.of(3), Db.fileInfoCount(md5));
        String url = file(a, md5, "a.bin").getString("url");

        assertEquals("013", client.dealFile("del", a, md5, "a.bin"));
        client.emptyTrash(a);
        assertEquals(OptionalInt.of(2), Db.fileInfoCount(md5));
        assertArrayEquals(bytes, client.get(url).body(), "still held by b");
        assertEquals("013", client.dealFile("del", b, md5, "b.bin"));
        client.emptyTrash(b);
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5));
        assertEquals(200, client.get(url).status());
        Invariants.assertHold();

        assertEquals("013", client.dealFile("del", b, md5, "b2.bin"));
        assertEquals(404, client.get(url).status(), "only the trash holds it: gone to the seed's protocol");
        client.emptyTrash(b);
        assertEquals(OptionalInt.empty(), Db.fileInfoCount(md5), "the last holder is gone");
        assertEquals(404, client.get(url).status());
        assertEquals(404, client.head(url).status());
        assertEquals("006", client.instant(a, md5, "a.bin"), "the content is gone for instant upload too");
        assertEquals(0, client.myCount(a));
        assertEquals(0, client.myCount(b));
        Invariants.assertHold();
    }

    @Test
    void dealFileAnswersItsFailureCodeToMalformedBodies() {
        User owner = client.newUser("dfm");
        String md5 = upload(owner, "real.txt");
        assertEveryMalformedBodyAnswers("/dealfile?cmd=share", "011", owner, md5, "real.txt");
        assertEveryMalformedBodyAnswers("/dealfile?cmd=del", "014", owner, md5, "real.txt");
        assertEveryMalformedBodyAnswers("/dealfile?cmd=pv", "017", owner, md5, "real.txt");
        // Nothing happened to the file.
        JsonObject f = file(owner, md5, "real.txt");
        assertEquals(0, f.getInt("share_status"));
        assertEquals(0, f.getJsonNumber("pv").longValueExact());
        assertEquals(1, client.myCount(owner));
        Invariants.assertHold();
    }

    @Test
    void dealFileChangesNothingForAnUnknownCommand() {
        User u = client.newUser("dfu");
        String md5 = upload(u, "u.txt");
        for (String path : new String[]{"/dealfile?cmd=nosuch", "/dealfile", "/dealfile?cmd=DEL"}) {
            String code = client.code(path, json("user", u.name(), "token", u.token(), "md5", md5, "filename", "u.txt"));
            assertTrue(!List.of("010", "013", "016").contains(code), path + " answered " + code);
        }
        JsonObject f = file(u, md5, "u.txt");
        assertEquals(0, f.getInt("share_status"));
        assertEquals(0, f.getJsonNumber("pv").longValueExact());
        assertEquals(1, client.myCount(u));
    }

    // ---------------------------------------------------------------- downloads

    private record Stored(byte[] bytes, String md5, String url) {
    }

    private Stored stored(int size) {
        User u = client.newUser("dl");
        byte[] bytes = content(size);
        String md5 = upload(u, "dl.bin", bytes);
        return new Stored(bytes, md5, file(u, md5, "dl.bin").getString("url"));
    }

    @Test
    void getAndHeadServeTheContentWithItsLengthAndETag() {
        Stored s = stored(1000);
        Answer get = client.get(s.url());
        assertEquals(200, get.status());
        assertEquals("1000", get.header("Content-Length"));
        assertEquals('"' + s.md5() + '"', get.header("ETag"));
        assertArrayEquals(s.bytes(), get.body());

        Answer head = client.head(s.url());
        assertEquals(200, head.status());
        assertEquals("1000", head.header("Content-Length"));
        assertEquals('"' + s.md5() + '"', head.header("ETag"));
        assertEquals(0, head.body().length);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=10-19:10:19", "bytes=0-0:0:0", "bytes=990-:990:999", "bytes=-7:993:999",
            "bytes=995-5000:995:999", "bytes=-5000:0:999", "bytes=0-:0:999", "bytes=999-999:999:999"})
    void servesOneRangeWith206(String spec) {
        String[] p = spec.split(":");
        int first = Integer.parseInt(p[1]);
        int last = Integer.parseInt(p[2]);
        Stored s = stored(1000);
        Answer a = client.get(s.url(), "Range", p[0]);
        assertEquals(206, a.status(), p[0]);
        assertEquals("bytes " + first + "-" + last + "/1000", a.header("Content-Range"));
        assertEquals(Integer.toString(last - first + 1), a.header("Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(s.bytes(), first, last + 1), a.body());

        Answer head = client.head(s.url(), "Range", p[0]);
        assertEquals(206, head.status());
        assertEquals("bytes " + first + "-" + last + "/1000", head.header("Content-Range"));
        assertEquals(0, head.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1005", "bytes=5000-6000", "bytes=-0", "bytes=20-10",
            "bytes=99999999999999999999-"})
    void answers416ToAnUnsatisfiableRange(String range) {
        Stored s = stored(1000);
        Answer a = client.get(s.url(), "Range", range);
        assertEquals(416, a.status(), range);
        assertEquals("bytes */1000", a.header("Content-Range"));
    }

    @Test
    void answers304ToTheCurrentETag() {
        Stored s = stored(500);
        String etag = '"' + s.md5() + '"';
        Answer a = client.get(s.url(), "If-None-Match", etag);
        assertEquals(304, a.status());
        assertEquals(0, a.body().length);
        assertEquals(etag, a.header("ETag"));
        Answer other = client.get(s.url(), "If-None-Match", "\"" + UNKNOWN_MD5 + "\"");
        assertEquals(200, other.status());
        assertArrayEquals(s.bytes(), other.body());
    }

    @Test
    void answers404ToAnUnknownPath() {
        Stored s = stored(100);
        String known = s.url().substring(client.base().length());
        for (String path : new String[]{"/group1/M00/00/00/AAAAAAAAAAAAAAAAAAAAAA.txt",
                "/group1/M00/FF/FF/nothing-here.bin", known + "x", known.replace("group1", "group2")}) {
            assertEquals(404, client.get(client.base() + path).status(), path);
            assertEquals(404, client.head(client.base() + path).status(), path);
            assertNull(client.get(client.base() + path).header("ETag"), path);
        }
    }

    @Test
    void everyFileEndpointAnswers200JsonToGarbage() {
        Map<String, String> failures = Map.of("/md5", "006", "/myfiles?cmd=count", "015", "/myfiles?cmd=normal", "015",
                "/myfiles?cmd=pvdesc", "015", "/dealfile?cmd=share", "011", "/dealfile?cmd=del", "014",
                "/dealfile?cmd=pv", "017", "/upload", "009");
        List<byte[]> garbage = List.of(new byte[0], "garbage".getBytes(StandardCharsets.UTF_8),
                "\r\n\r\n".getBytes(StandardCharsets.UTF_8), content(3000), "{\"a\":".repeat(5000).getBytes(StandardCharsets.UTF_8));
        String[] types = {null, "application/json", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "multipart/form-data"};
        failures.forEach((path, failure) -> {
            for (byte[] body : garbage) {
                for (String type : types) {
                    assertEquals(failure, client.postRaw(path, body, type).asJsonObject().getString("code"),
                            path + " with " + body.length + " bytes of garbage as " + type);
                }
            }
        });
        Invariants.assertHold();
    }

    /**
     * Anybody may upload a page or an SVG: served with its own type from the site's origin it would run with the
     * session of whoever opens its URL. Only types browsers merely display keep theirs, and nothing is sniffed.
     */
    @Test
    void filesThatWouldRunInABrowserAreServedAsBytes() {
        User u = client.newUser("types");
        var drive = new DriveClient(client);
        Map<String, String> served = Map.of("page.html", "application/octet-stream",
                "drawing.svg", "application/octet-stream", "script.js", "application/octet-stream",
                "photo.png", "image/png", "notes.txt", "text/plain");
        served.forEach((name, type) -> {
            byte[] bytes = uniqueContent("<script>alert(1)</script>" + name, 200);
            String node = DriveClient.id(drive.uploadToRoot(u, name, bytes));
            Answer seed = client.get(file(u, md5(bytes), name).getString("url"));
            assertEquals(200, seed.status());
            assertEquals(type, seed.header("Content-Type").split(";")[0], name + " at its URL");
            assertEquals("nosniff", seed.header("X-Content-Type-Options"), name);
            Answer v2 = drive.send(u, "GET", "/nodes/" + node + "/content", null);
            assertEquals(type, v2.header("Content-Type").split(";")[0], name + " through the v2 API");
            assertEquals("nosniff", v2.header("X-Content-Type-Options"), name);
        });
    }

    @Test
    void aMediumDownloadStreamsWhole() {
        Stored s = stored(3 * 1024 * 1024 + 17);
        CloudDiskClient.Digested d = client.download(s.url());
        assertEquals(200, d.status());
        assertEquals(s.bytes().length, d.size());
        assertEquals(s.md5(), d.md5());
        Answer range = client.get(s.url(), "Range", "bytes=2097150-2097160");
        assertEquals(206, range.status());
        assertArrayEquals(Arrays.copyOfRange(s.bytes(), 2097150, 2097161), range.body());
    }
}
