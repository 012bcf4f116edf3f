package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.Form;
import org.clouddisk.it.CloudDiskClient.Upload;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;

import static org.clouddisk.it.CloudDiskClient.concat;
import static org.clouddisk.it.CloudDiskClient.filePartHead;
import static org.clouddisk.it.CloudDiskClient.legacyHead;
import static org.clouddisk.it.CloudDiskClient.legacyParams;
import static org.clouddisk.it.CloudDiskClient.legacyTail;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.multipartType;
import static org.clouddisk.it.CloudDiskClient.uploadBody;
import static org.clouddisk.it.CloudDiskClient.uploadType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** POST /upload in both body forms (PROTOCOL.md, "Upload"): what is kept, what is refused, and that nothing leaks. */
class UploadIT extends Deployments {

    private static final Random RANDOM = new Random();

    /** Random bytes with CRLFs and dashes mixed in, so that content looks a little like multipart syntax. */
    private static byte[] content(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        for (int i = 0; i + 4 < size; i += 97) {
            b[i] = '\r';
            b[i + 1] = '\n';
            b[i + 2] = '-';
            b[i + 3] = '-';
        }
        return b;
    }

    private JsonObject onlyFile(User u) {
        List<JsonObject> files = client.myFiles(u, "normal");
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    /** The upload was refused with 009 and left nothing behind: no row, no content, the same file count. */
    private void assertRefused(String code, User u, int filesBefore, String md5) {
        assertEquals("009", code);
        assertNothingKept(u, filesBefore, md5);
    }

    private void assertNothingKept(User u, int filesBefore, String md5) {
        assertEquals(filesBefore, client.myCount(u), "the user's count");
        assertEquals(filesBefore, Db.userFiles(u.name()), "the user's rows");
        if (md5 != null) {
            assertEquals(OptionalInt.empty(), Db.fileInfoCount(md5.toLowerCase(Locale.ROOT)), "file_info row of " + md5);
        }
        Invariants.assertHold();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void storesTheFileAndServesTheSameBytes(Form form) {
        User u = client.newUser("up");
        byte[] bytes = content(100_000);
        assertEquals("008", client.upload(form, Upload.of(u, "photo.JPG", bytes)));

        JsonObject file = onlyFile(u);
        assertEquals(u.name(), file.getString("user"));
        assertEquals(md5(bytes), file.getString("md5"));
        assertEquals("photo.JPG", file.getString("filename"));
        assertEquals(bytes.length, file.getJsonNumber("size").longValueExact());
        assertEquals("jpg", file.getString("type"));
        assertEquals(0, file.getInt("share_status"));
        assertEquals(0, file.getInt("pv"));
        CloudDiskClient.Answer download = client.get(file.getString("url"));
        assertEquals(200, download.status());
        assertArrayEquals(bytes, download.body());

        assertEquals(1, client.myCount(u));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5(bytes)));
        Invariants.assertHold();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void keepsContentHoldingPartsOfItsOwnBoundary(Form form) {
        User u = client.newUser("near");
        String boundary = CloudDiskClient.newBoundary(form);
        String delimiter = "\r\n" + (form == Form.LEGACY ? boundary : "--" + boundary);
        // Every proper prefix of the delimiter, and the delimiter with its last byte changed: all content.
        var text = new StringBuilder("start");
        for (int i = 1; i < delimiter.length(); i++) {
            text.append(delimiter, 0, i).append('x');
        }
        text.append(delimiter, 0, delimiter.length() - 1).append('#').append(delimiter, 0, delimiter.length() - 1);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = uploadBody(form, boundary, Upload.of(u, "near.txt", bytes));
        assertEquals("008", client.uploadCode(body, uploadType(form, boundary)));
        assertArrayEquals(bytes, client.get(onlyFile(u).getString("url")).body());
        Invariants.assertHold();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void storesAnEmptyFile(Form form) {
        User u = client.newUser("empty");
        byte[] nothing = new byte[0];
        assertEquals("008", client.upload(form, Upload.of(u, "empty.txt", nothing)));
        JsonObject file = onlyFile(u);
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", file.getString("md5"));
        assertEquals(0, file.getJsonNumber("size").longValueExact());
        CloudDiskClient.Answer download = client.get(file.getString("url"));
        assertEquals(200, download.status());
        assertEquals(0, download.body().length);
        Invariants.assertHold();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void refusesAWrongMd5(Form form) {
        User u = client.newUser("md5");
        byte[] bytes = content(5000);
        String other = md5("something else".getBytes(StandardCharsets.UTF_8));
        assertRefused(client.upload(form, Upload.of(u, "a.bin", bytes).withMd5(other)), u, 0, other);
        assertNothingKept(u, 0, md5(bytes));
    }

    static Stream<Arguments> wrongSizes() {
        return Stream.of(Form.values()).flatMap(f -> Stream.of(arguments(f, 1), arguments(f, -1), arguments(f, 1000)));
    }

    @ParameterizedTest(name = "{0} declared size off by {1}")
    @MethodSource("wrongSizes")
    void refusesAWrongDeclaredSize(Form form, int off) {
        User u = client.newUser("size");
        byte[] bytes = content(5000);
        assertRefused(client.upload(form, Upload.of(u, "a.bin", bytes).withSize((long) bytes.length + off)),
                u, 0, md5(bytes));
    }

    @Test
    void refusesALegacyBodyThatEndsBeforeItsClosingBoundary() {
        User u = client.newUser("trunc");
        byte[] bytes = content(5000);
        String boundary = CloudDiskClient.newBoundary();
        byte[] head = legacyHead(boundary, legacyParams(u.name(), u.token(), "t.bin", md5(bytes), (long) bytes.length));
        byte[] tail = legacyTail(boundary);
        List<byte[]> truncated = List.of(
                concat(head, bytes),                                        // all content, no boundary
                concat(head, Arrays.copyOf(bytes, 2500)),                   // half the content
                concat(head, bytes, Arrays.copyOf(tail, tail.length - 9)),  // the boundary cut short
                concat(head, bytes, "\r\n".getBytes(StandardCharsets.UTF_8)),
                head);
        for (byte[] body : truncated) {
            assertRefused(client.uploadCode(body, "application/json"), u, 0, md5(bytes));
        }
    }

    @Test
    void refusesAMultipartBodyThatEndsBeforeItsClosingBoundary() {
        User u = client.newUser("trunc");
        byte[] bytes = content(5000);
        String boundary = CloudDiskClient.newMultipartBoundary();
        byte[] full = uploadBody(Form.MULTIPART, boundary, Upload.of(u, "t.bin", bytes));
        String close = "\r\n--" + boundary + "--\r\n";
        for (int cut : new int[]{close.length(), close.length() + 2500}) {
            assertRefused(client.uploadCode(Arrays.copyOf(full, full.length - cut), multipartType(boundary)),
                    u, 0, md5(bytes));
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void refusesExtraBytesAfterTheDeclaredSize(Form form) {
        User u = client.newUser("extra");
        byte[] bytes = content(5000);
        byte[] withExtra = concat(bytes, "extra".getBytes(StandardCharsets.UTF_8));
        // Declared md5 and size are those of the first 5000 bytes; the body holds 5 more.
        assertRefused(client.upload(form, Upload.of(u, "x.bin", bytes).withContent(withExtra)), u, 0, md5(bytes));
        assertNothingKept(u, 0, md5(withExtra));
    }

    @Test
    void refusesExtraBytesInAMultipartUploadWithoutSize() {
        User u = client.newUser("extra");
        byte[] bytes = content(5000);
        byte[] withExtra = concat(bytes, "extra".getBytes(StandardCharsets.UTF_8));
        assertRefused(client.upload(Form.MULTIPART, Upload.of(u, "x.bin", bytes).withSize(null).withContent(withExtra)),
                u, 0, md5(bytes));
    }

    @Test
    void acceptsAMultipartUploadWithoutSize() {
        User u = client.newUser("nosize");
        byte[] bytes = content(3000);
        assertEquals("008", client.upload(Form.MULTIPART, Upload.of(u, "n.bin", bytes).withSize(null)));
        assertEquals(bytes.length, onlyFile(u).getJsonNumber("size").longValueExact());
        Invariants.assertHold();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void refusesABadMissingOrForeignToken(Form form) {
        User u = client.newUser("tok");
        User other = client.newUser("tok");
        byte[] bytes = content(2000);
        Upload good = Upload.of(u, "t.bin", bytes);
        for (Upload bad : List.of(good.withToken("0".repeat(43)), good.withToken(null), good.withToken(""),
                good.withToken(other.token()))) {
            assertEquals("111", client.upload(form, bad), "token " + bad.token());
            assertNothingKept(u, 0, md5(bytes));
        }
        assertEquals(0, client.myCount(other));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void takesTheTokenFromTheTokenHeader(Form form) {
        User u = client.newUser("hdr");
        byte[] bytes = content(2000);
        Upload noToken = Upload.of(u, "h.bin", bytes).withToken(null);
        assertEquals("111", client.upload(form, noToken, "Token", "wrong"));
        assertNothingKept(u, 0, md5(bytes));
        assertEquals("008", client.upload(form, noToken, "Token", u.token()));
        assertEquals(md5(bytes), onlyFile(u).getString("md5"));
        Invariants.assertHold();
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(Form.values()).flatMap(f -> Stream.of(arguments(f, "md5"), arguments(f, "user"),
                arguments(f, "file"), arguments(f, "bad md5"), arguments(f, "long user")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("missingFields")
    void refusesAMissingOrInvalidField(Form form, String what) {
        User u = client.newUser("miss");
        byte[] bytes = content(2000);
        Upload good = Upload.of(u, "m.bin", bytes);
        Upload bad = switch (what) {
            case "md5" -> good.withMd5(null);
            case "user" -> good.withUser(null);
            case "file" -> good.withFileName(null); // legacy: no filename; multipart: no file part at all
            case "bad md5" -> good.withMd5(md5(bytes).substring(1) + "g");
            case "long user" -> good.withUser("u".repeat(33));
            default -> throw new IllegalArgumentException(what);
        };
        assertRefused(client.upload(form, bad), u, 0, md5(bytes));
    }

    @Test
    void refusesALegacyUploadWithoutSize() {
        User u = client.newUser("miss");
        byte[] bytes = content(2000);
        assertRefused(client.upload(Form.LEGACY, Upload.of(u, "m.bin", bytes).withSize(null)), u, 0, md5(bytes));
    }

    @Test
    void refusesADeclaredSizeAboveTheLimitWithoutReadingTheBody() {
        User u = client.newUser("huge");
        byte[] bytes = content(1000);
        Upload huge = Upload.of(u, "huge.iso", bytes).withSize(5_000_000_000L); // above the default 4 GiB
        String code = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client.upload(Form.LEGACY, huge));
        assertRefused(code, u, 0, md5(bytes));
    }

    static Stream<Arguments> names() {
        return Stream.of(Form.values()).flatMap(f -> Stream.of(
                arguments(f, "../../etc/passwd", ""),
                arguments(f, "he said \"hi\"; it's.txt", "txt"),
                arguments(f, "a;b; c=d ;.TXT", "txt"),
                arguments(f, "  spaced   name .md", "md"),
                arguments(f, "中文 報告 (1).txt", "txt"),
                arguments(f, "back\\slash\\\"mix.tar.gz", "gz"),
                arguments(f, "no extension", ""),
                arguments(f, "long.extension1234", "extension1234")));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("names")
    void listsTheNameExactlyAsSent(Form form, String name, String type) throws Exception {
        User u = client.newUser("name");
        byte[] bytes = content(1500);
        assertEquals("008", client.upload(form, Upload.of(u, name, bytes)));
        JsonObject file = onlyFile(u);
        assertEquals(name, file.getString("filename"));
        assertEquals(type, file.getString("type"));
        assertEquals(1, Db.number("select count(*) from user_file_list where user = ? and file_name = ?", u.name(), name));
        assertArrayEquals(bytes, client.get(file.getString("url")).body(), "the name is a label, never a path");
        // The name identifies the file in the other endpoints too.
        assertEquals("004", client.instant(u, md5(bytes), name));
        Invariants.assertHold();
    }

    /** RFC 5987 filename* (percent-encoded UTF-8) is another way to send any name in a multipart part. */
    @Test
    void readsAnExtendedFileNameInAMultipartPart() {
        User u = client.newUser("ext");
        byte[] bytes = content(700);
        String b = CloudDiskClient.newMultipartBoundary();
        byte[] body = concat((field(b, "user", u.name()) + field(b, "token", u.token()) + field(b, "md5", md5(bytes))
                        + "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename*=UTF-8''%E4%B8%AD%E6%96%87%20%22q%22%3B.txt\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                bytes, ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("008", client.uploadCode(body, multipartType(b)));
        assertEquals("中文 \"q\";.txt", onlyFile(u).getString("filename"));
        Invariants.assertHold();
    }

    @Test
    void uploadingTheSameFileTwiceKeepsOneRow() {
        User u = client.newUser("twice");
        byte[] bytes = content(4000);
        assertEquals("008", client.upload(Form.LEGACY, Upload.of(u, "same.bin", bytes)));
        assertEquals("008", client.upload(Form.MULTIPART, Upload.of(u, "same.bin", bytes)));
        assertEquals("008", client.upload(Form.LEGACY, Upload.of(u, "same.bin", bytes)));
        assertEquals(1, client.myCount(u));
        assertEquals(1, Db.userFiles(u.name()));
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5(bytes)));
        Invariants.assertHold(); // also: the store holds exactly one copy

        assertEquals("008", client.upload(Form.MULTIPART, Upload.of(u, "other name.bin", bytes)));
        assertEquals(2, client.myCount(u), "the same content under another name is another file");
        assertEquals(OptionalInt.of(2), Db.fileInfoCount(md5(bytes)));
        Invariants.assertHold();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void theSameContentOfTwoUsersIsStoredOnce(Form form) {
        User a = client.newUser("own");
        User b = client.newUser("own");
        byte[] bytes = content(6000);
        assertEquals("008", client.upload(Form.LEGACY, Upload.of(a, "mine.bin", bytes)));
        assertEquals("008", client.upload(form, Upload.of(b, "yours.bin", bytes)));
        assertEquals(1, Db.number("select count(*) from file_info where md5 = ?", md5(bytes)));
        assertEquals(OptionalInt.of(2), Db.fileInfoCount(md5(bytes)));
        assertEquals(1, client.myCount(a));
        assertEquals(1, client.myCount(b));
        assertEquals(onlyFile(a).getString("url"), onlyFile(b).getString("url"));
        Invariants.assertHold(); // one stored copy for one file_info row
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void comparesTheMd5CaseInsensitivelyAndStoresItLowercase(Form form) {
        User u = client.newUser("case");
        byte[] bytes = content(3000);
        String lower = md5(bytes);
        assertEquals("008", client.upload(form, Upload.of(u, "c.bin", bytes).withMd5(lower.toUpperCase(Locale.ROOT))));
        assertEquals(lower, onlyFile(u).getString("md5"));
        assertEquals(1, Db.number("select count(*) from file_info where md5 = ?", lower));
        assertEquals(1, Db.number("select count(*) from user_file_list where user = ? and md5 = ?", u.name(), lower));
        Invariants.assertHold();
    }

    /** A failed upload leaves the files the user already had alone. */
    @ParameterizedTest
    @EnumSource(Form.class)
    void aFailedUploadLeavesEarlierFilesAlone(Form form) {
        User u = client.newUser("keep");
        byte[] first = content(2000);
        assertEquals("008", client.upload(form, Upload.of(u, "first.bin", first)));
        // The same content again, declared with a wrong size: refused, and the stored copy must survive.
        assertRefused(client.upload(form, Upload.of(u, "again.bin", first).withSize(1999L)), u, 1, null);
        assertEquals(OptionalInt.of(1), Db.fileInfoCount(md5(first)));
        assertArrayEquals(first, client.get(onlyFile(u).getString("url")).body());
    }

    private static final long MEDIUM = 64L << 20;

    /** 64 MiB through the legacy form, sent chunked; the md5 comes from a first pass over the same generator. */
    @Test
    void streamsAMediumLegacyUpload() {
        User u = client.newUser("big");
        long seed = RANDOM.nextLong();
        String md5 = GeneratedContent.md5(seed, MEDIUM);
        String boundary = CloudDiskClient.newBoundary();
        byte[] head = legacyHead(boundary, legacyParams(u.name(), u.token(), "big.bin", md5, MEDIUM));
        String code = client.uploadStream(() -> new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head), new GeneratedContent(seed, MEDIUM),
                new ByteArrayInputStream(legacyTail(boundary))))), -1, "application/json");
        assertEquals("008", code);
        assertDownloads(u, md5, MEDIUM);
    }

    /** 64 MiB as multipart/form-data with a Content-Length, generated while it is sent: streamed, never spooled. */
    @Test
    void streamsAMediumMultipartUpload() {
        User u = client.newUser("big");
        long seed = RANDOM.nextLong();
        String md5 = GeneratedContent.md5(seed, MEDIUM);
        String boundary = CloudDiskClient.newMultipartBoundary();
        byte[] head = (field(boundary, "user", u.name()) + field(boundary, "token", u.token()) + field(boundary, "md5", md5)
                + field(boundary, "size", Long.toString(MEDIUM)) + filePartHead(boundary, "big.bin")).getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String code = client.uploadStream(() -> new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head), new GeneratedContent(seed, MEDIUM), new ByteArrayInputStream(tail)))),
                head.length + MEDIUM + tail.length, multipartType(boundary));
        assertEquals("008", code);
        assertDownloads(u, md5, MEDIUM);
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(Form.values()).flatMap(f -> Stream.of(arguments(f, "wrong"), arguments(f, "missing")));
    }

    /**
     * The token is checked before the content is read: the answer comes while most of a 3 GiB body is still unsent
     * (the client stops sending and waits). A server that read or spooled the body first would never answer.
     */
    @ParameterizedTest(name = "[{index}] {0}, token {1}")
    @MethodSource("refusedTokens")
    void refusesABadTokenBeforeReadingTheContent(Form form, String token) throws IOException {
        assertRefusedBeforeTheContent(form, token, true);
    }

    /** A multipart file part without its size field is spooled to learn the size: only once its token passed. */
    @ParameterizedTest(name = "[{index}] token {0}")
    @ValueSource(strings = {"wrong", "missing"})
    void refusesABadTokenBeforeSpoolingAFileOfUndeclaredSize(String token) throws IOException {
        assertRefusedBeforeTheContent(Form.MULTIPART, token, false);
    }

    private void assertRefusedBeforeTheContent(Form form, String token, boolean sizeDeclared) throws IOException {
        User u = client.newUser("early");
        long size = 3L << 30;
        Upload upload = Upload.of(u, "big.iso", new byte[0]).withMd5("0".repeat(32))
                .withSize(sizeDeclared ? size : null).withToken(token.equals("wrong") ? u.token() + "x" : null);
        String boundary = CloudDiskClient.newBoundary(form);
        byte[] body = uploadBody(form, boundary, upload);
        byte[] head = Arrays.copyOf(body, body.length - (form == Form.LEGACY ? legacyTail(boundary).length
                : ("\r\n--" + boundary + "--\r\n").length())); // everything before the content
        int port = Integer.getInteger("it.http.port");
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000); // a hang guard: the answer is expected at once
            var out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + uploadType(form, boundary)
                    + "\r\nContent-Length: " + (head.length + size + 64) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(head);
            out.write(new byte[1 << 20]); // 1 MiB of the 3 GiB, then nothing more
            out.flush();
            assertEquals("{\"code\":\"111\"}", ClassicClient.readAnswer(socket.getInputStream()));
        }
        assertEquals(0, client.myCount(u));
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private void assertDownloads(User u, String md5, long size) {
        JsonObject file = onlyFile(u);
        assertEquals(md5, file.getString("md5"));
        assertEquals(size, file.getJsonNumber("size").longValueExact());
        CloudDiskClient.Digested download = client.download(file.getString("url"));
        assertEquals(200, download.status());
        assertEquals(size, download.size());
        assertEquals(md5, download.md5());
        Invariants.assertHold();
    }

}
