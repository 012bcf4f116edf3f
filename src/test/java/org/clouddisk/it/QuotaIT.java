package org.clouddisk.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Form;
import org.clouddisk.it.CloudDiskClient.Upload;
import org.clouddisk.it.CloudDiskClient.User;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quotas (API.md, "Quotas") on every path that adds a file, and the administration API that sets them (API.md,
 * "Administration"). The test server names {@link #ADMIN} in CLOUDDISK_ADMINS and sets no default quota (one test sets
 * one while it runs).
 */
class QuotaIT extends Deployments {

    static final String ADMIN = "itadmin";

    private final DriveClient drive = new DriveClient(client);
    private User admin;

    @ArquillianResource
    ManagementClient management;

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    /** The administrator, registered by the first test that needs it in this server's run. */
    private User admin() {
        if (admin == null) {
            admin = administrator(client);
        }
        return admin;
    }

    /** Logs the administrator in, registering it first when this server's run has not yet. */
    static User administrator(CloudDiskClient client) {
        String password = CloudDiskClient.passwordOf(ADMIN);
        String registered = client.code("/reg", json("userName", ADMIN, "nickName", ADMIN, "password", password,
                "phone", "", "email", ""));
        assertTrue(List.of("002", "003").contains(registered), registered);
        return client.login(ADMIN, password);
    }

    private JsonObject setUser(String user, String body) {
        return drive.expect(200, admin(), "PATCH", "/admin/users/" + user, body);
    }

    private static long used(JsonObject me) {
        return me.getJsonObject("quota").getJsonNumber("used").longValue();
    }

    @Test
    void everyPathThatAddsAFileIsRefusedOverTheQuota() {
        User u = client.newUser("quota");
        byte[] first = uniqueContent("first", 1000);
        assertEquals("008", client.uploadLegacy(u, "first.bin", first));
        setUser(u.name(), json("limit", first.length + 100).toString());
        JsonObject me = drive.expect(200, u, "GET", "/me", null);
        assertEquals(first.length, used(me));
        assertEquals(first.length + 100, me.getJsonObject("quota").getJsonNumber("limit").longValue());

        byte[] big = uniqueContent("big", 200);
        for (Form form : Form.values()) {
            assertEquals("009", client.upload(form, Upload.of(u, "big.bin", big)), form + " over the quota");
        }
        User other = client.newUser("quota-holder");
        assertEquals("008", client.uploadLegacy(other, "big.bin", big));
        assertEquals("006", client.instant(u, md5(big), "big.bin"), "instant upload over the quota");
        assertEquals("010", client.dealFile("share", other, md5(big), "big.bin"));
        assertEquals("022", client.dealShare("save", u, md5(big), "big.bin"), "saving over the quota");
        assertEquals(1, Db.userFiles(u.name()), "nothing was added");

        assertEquals("008", client.uploadLegacy(u, "small.bin", new byte[100]), "what fits is accepted");
        assertEquals(first.length + 100, used(drive.expect(200, u, "GET", "/me", null)));
        assertEquals("004", client.instant(u, md5(first), "first.bin"), "a file the user has costs nothing");

        setUser(u.name(), json("limit", JsonValue.NULL).toString());
        assertEquals(JsonValue.NULL, drive.expect(200, u, "GET", "/me", null).getJsonObject("quota").get("limit"),
                "null lifts the user's own limit: the default, none here, applies");
    }

    @Test
    void parallelUploadsAgainstANearlyFullQuotaNeverOvershoot() {
        User u = client.newUser("quotarace");
        int size = 1000;
        setUser(u.name(), json("limit", 10L * size + size / 2).toString());
        List<byte[]> contents = java.util.stream.IntStream.range(0, 32)
                .mapToObj(i -> uniqueContent("race" + i, size - 20)).toList();
        long accepted = CloudDiskClient.concurrently(32, i -> client.upload(i % 2 == 0 ? Form.LEGACY : Form.MULTIPART,
                Upload.of(u, "f" + i + ".bin", contents.get(i)))).stream().filter("008"::equals).count();
        long used = used(drive.expect(200, u, "GET", "/me", null));
        assertTrue(used <= 10L * size + size / 2, "used " + used);
        assertEquals(accepted, Db.userFiles(u.name()));
        assertTrue(accepted >= 9, "the room was used: " + accepted + " accepted");
    }

    /** An upload begun under a limit an administrator lowers before it ends: the quota wins, nothing is kept. */
    @Test
    void aTusUploadThatNoLongerFitsALoweredLimitIsRefusedAndDiscarded() {
        User u = client.newUser("quotalowered");
        TusRequests tus = new TusRequests(client);
        byte[] content = uniqueContent("lowered", 2000);
        String upload = tus.begin(u, content.length, TusRequests.metadata("name", "late.bin"));
        assertEquals(204, tus.patch(u, upload, 0, java.util.Arrays.copyOf(content, 1000)).status());
        setUser(u.name(), json("limit", 1500).toString());
        CloudDiskClient.Answer last = tus.patch(u, upload, 1000,
                java.util.Arrays.copyOfRange(content, 1000, content.length));
        drive.expectProblem(413, "quota_exceeded", last);
        assertEquals(404, tus.head(u, upload).status(), "the upload is discarded");
        assertEquals(0, Db.userFiles(u.name()));
        assertEquals(0, used(drive.expect(200, u, "GET", "/me", null)), "nor counted");
    }

    /** CLOUDDISK_DEFAULT_QUOTA (read at every request) is the limit of every user without one of their own. */
    @Test
    void theDefaultQuotaAppliesToUsersWithoutTheirOwn() throws Exception {
        User u = client.newUser("quotadefault");
        User own = client.newUser("quotaown");
        setUser(own.name(), json("limit", 10_000).toString());
        try {
            ServerProperties.set(management, "clouddisk.default.quota", "1500");
            assertEquals(1500, drive.expect(200, u, "GET", "/me", null).getJsonObject("quota").getJsonNumber("limit")
                    .longValue());
            assertEquals("008", client.uploadLegacy(u, "first.bin", uniqueContent("default1", 1000)));
            assertEquals("009", client.uploadLegacy(u, "second.bin", uniqueContent("default2", 1000)), "over 1500");
            assertEquals("008", client.uploadLegacy(own, "second.bin", uniqueContent("default3", 1000)),
                    "a user's own limit wins over the default");
        } finally {
            ServerProperties.remove(management, "clouddisk.default.quota");
        }
        assertEquals(JsonValue.NULL, drive.expect(200, u, "GET", "/me", null).getJsonObject("quota").get("limit"));
        assertEquals("008", client.uploadLegacy(u, "second.bin", uniqueContent("default2", 1000)), "no default: none");
    }

    @Test
    void theTrashCountsUntilPurged() {
        User u = client.newUser("quotatrash");
        byte[] bytes = uniqueContent("trash", 500);
        JsonObject file = drive.uploadToRoot(u, "t.bin", bytes);
        setUser(u.name(), json("limit", bytes.length).toString());
        drive.trash(u, file.getString("id"));
        assertEquals("009", client.uploadLegacy(u, "next.bin", uniqueContent("next", 10)), "the trash still counts");
        assertEquals(204, drive.send(u, "DELETE", "/trash", null).status());
        assertEquals(0, used(drive.expect(200, u, "GET", "/me", null)));
        assertEquals("008", client.uploadLegacy(u, "next.bin", uniqueContent("next", 10)));
    }

    // ---------------------------------------------------------------- administration

    @Test
    void onlyAdministratorsAdminister() {
        User u = client.newUser("notadmin");
        for (String[] request : List.of(new String[]{"GET", "/admin/users"}, new String[]{"GET", "/admin/stats"},
                new String[]{"PATCH", "/admin/users/" + u.name()})) {
            drive.expectProblem(403, "forbidden", u, request[0], request[1], json("limit", 1).toString());
            drive.expectProblem(401, "unauthorized", null, request[0], request[1], json("limit", 1).toString());
        }
        drive.expectProblem(404, "not_found", admin(), "PATCH", "/admin/users/nobody-" + u.name(),
                json("limit", 1).toString());
        for (String bad : List.of("{}", "[]", "{\"limit\":-1}", "{\"limit\":1.5}", "{\"limit\":\"1\"}",
                "{\"disabled\":null}", "{\"disabled\":\"yes\"}", "{")) {
            drive.expectProblem(400, "invalid", admin(), "PATCH", "/admin/users/" + u.name(), bad);
        }
    }

    @Test
    void administratorsListUsersWithTheirUsageAndSeeStorageStats() {
        User u = client.newUser("listed");
        byte[] bytes = uniqueContent("listed", 300);
        assertEquals("008", client.uploadLegacy(u, "a.bin", bytes));
        assertEquals("005", client.instant(u, md5(bytes), "b.bin"));
        JsonObject page = drive.expect(200, admin(), "GET", "/admin/users?q=" + u.name().toUpperCase(), null);
        assertEquals(1, page.getInt("total"));
        JsonObject listed = page.getJsonArray("items").getJsonObject(0);
        assertEquals(u.name(), listed.getString("user"));
        assertEquals(2, listed.getInt("files"));
        assertEquals(2L * bytes.length, listed.getJsonNumber("used").longValue(), "shared content counts fully");
        assertEquals(JsonValue.NULL, listed.get("limit"));
        assertFalse(listed.getBoolean("disabled"));
        assertTrue(listed.getString("created").endsWith("Z"));
        assertEquals(1, drive.expect(200, admin(), "GET", "/admin/users?limit=1", null).getJsonArray("items").size());

        JsonObject stats = drive.expect(200, admin(), "GET", "/admin/stats", null);
        assertEquals(Db.number("select count(*) from user_info"), stats.getJsonNumber("users").longValue());
        assertEquals(Db.number("select count(*) from user_file_list"), stats.getJsonNumber("files").longValue());
        assertEquals(Db.number("select count(*) from file_info"), stats.getJsonNumber("contents").longValue());
        assertTrue(stats.getJsonNumber("logical_bytes").longValue() >= stats.getJsonNumber("stored_bytes").longValue()
                + bytes.length, "the instant upload's reference is logical, not stored");
    }

    @Test
    void aDisabledUsersTokensStopAtOnceInBothProtocols() {
        User u = client.newUser("disabled");
        for (int i = 0; i < 3; i++) { // the token is now in this node's cache of verified tokens
            assertEquals("110", client.code("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
            assertEquals(200, drive.send(u, "GET", "/me", null).status());
        }
        JsonObject disabled = setUser(u.name(), json("disabled", JsonValue.TRUE).toString());
        assertTrue(disabled.getBoolean("disabled"));
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
        drive.expectProblem(401, "unauthorized", u, "GET", "/me", null);
        assertEquals("001", client.code("/login", json("user", u.name(), "password",
                CloudDiskClient.passwordOf(u.name()))));

        setUser(u.name(), json("disabled", JsonValue.FALSE).toString());
        User back = client.relogin(u);
        assertEquals(200, drive.send(back, "GET", "/me", null).status());
    }

    /** One login as seen by the client: when it was sent, when it was answered, and its token (null if refused). */
    private record Login(long sent, long answered, String token) {
    }

    /**
     * 32 clients log in as one user at once, and the administrator disables the user as soon as the first login is
     * answered, while the others are in flight (most have read the account before the disable committed: the login
     * hashes the password for a while before it writes its token). Afterwards every token any login received
     * answers 111 on /myfiles and 401 on the v2 API, and a new login is refused. Three rounds, a new user each.
     */
    @Test
    void loginsRacingADisableLeaveNoWorkingToken() throws Exception {
        int clients = 32;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 1; round <= 3; round++) {
                User u = client.newUser("disablerace");
                String password = CloudDiskClient.passwordOf(u.name());
                var firstAnswer = new CountDownLatch(1);
                var logins = new ArrayList<Future<Login>>();
                for (int i = 0; i < clients; i++) {
                    logins.add(pool.submit(() -> {
                        long sent = System.nanoTime();
                        JsonObject answer = client.post("/login", json("user", u.name(), "password", password));
                        long answered = System.nanoTime();
                        firstAnswer.countDown();
                        return new Login(sent, answered,
                                "000".equals(answer.getString("code")) ? answer.getString("token") : null);
                    }));
                }
                assertTrue(firstAnswer.await(3, TimeUnit.MINUTES), "a login answered");
                long disableSent = System.nanoTime();
                setUser(u.name(), json("disabled", JsonValue.TRUE).toString());
                var answered = new ArrayList<Login>();
                for (Future<Login> login : logins) {
                    answered.add(login.get(3, TimeUnit.MINUTES));
                }
                long inFlight = answered.stream().filter(l -> l.sent() < disableSent && l.answered() > disableSent)
                        .count();
                assertTrue(inFlight > 0, "round " + round + ": no login was in flight when the disable was sent");
                List<String> tokens = answered.stream().map(Login::token).filter(Objects::nonNull).toList();
                assertFalse(tokens.isEmpty(), "round " + round + ": no login got a token");
                for (String token : tokens) {
                    assertEquals("111", client.code("/myfiles?cmd=count", json("user", u.name(), "token", token)),
                            "round " + round + ": a token of the disabled user still works");
                    drive.expectProblem(401, "unauthorized", new User(u.name(), token), "GET", "/me", null);
                }
                assertEquals("001", client.code("/login", json("user", u.name(), "password", password)));
                System.out.printf("disable race round %d: %d logins, %d in flight at the disable, %d tokens, all dead%n",
                        round, clients, inFlight, tokens.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
