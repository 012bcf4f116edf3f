package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /reg and /login (PROTOCOL.md, "Accounts"), and the token check the other endpoints rely on. */
class AccountsIT extends Deployments {

    private static final String SECRET = "e10adc3949ba59abbe56e057f20f883e";

    private String reg(Object... fields) {
        return client.code("/reg", json(fields));
    }

    private String validReg(String user, String nick) {
        return reg("userName", user, "nickName", nick, "password", SECRET, "phone", "13800000000",
                "email", user + "@example.com");
    }

    @Test
    void registersThenRefusesTheSameUserNameOrNickName() {
        String user = uniqueName("acc");
        assertEquals("002", validReg(user, user + "-nick"));
        assertEquals("003", validReg(user, uniqueName("other")), "same user name");
        assertEquals("003", validReg(uniqueName("acc"), user + "-nick"), "same nick name");
    }

    @Test
    void acceptsTheAliasSpellingsAndEmptyOptionalFields() {
        String user = uniqueName("alias");
        assertEquals("002", reg("user", user, "nickname", user, "firstPwd", SECRET));
        assertEquals("000", client.post("/login", json("username", user, "pwd", SECRET)).getString("code"));
        assertEquals("000", client.post("/login", json("userName", user, "firstPwd", SECRET)).getString("code"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{not json", "[1,2]", "\"text\"", "", "{}", "{\"userName\":\"ab\",\"nickName\":\"n\",\"password\":\"p\"}",
            "{\"userName\":\"has space\",\"nickName\":\"n\",\"password\":\"p\"}",
            "{\"userName\":\"abcdefghijabcdefghijabcdefghijabc\",\"nickName\":\"n\",\"password\":\"p\"}",
            "{\"userName\":\"valid_1\",\"nickName\":\"\",\"password\":\"p\"}",
            "{\"userName\":\"valid_1\",\"nickName\":\"n\",\"password\":\"\"}",
            "{\"userName\":\"valid_1\",\"nickName\":\"n\",\"password\":\"p\",\"phone\":\"12\"}",
            "{\"userName\":\"valid_1\",\"nickName\":\"n\",\"password\":\"p\",\"phone\":\"abcdefg\"}",
            "{\"userName\":\"valid_1\",\"nickName\":\"n\",\"password\":\"p\",\"email\":\"not-an-address\"}",
            "{\"userName\":12345,\"nickName\":\"n\",\"password\":\"p\"}",
            "{\"userName\":\"valid_1\",\"nickName\":\"n\",\"password\":[\"p\"]}",
            "{\"userName\":\"valid_1\",\"nickName\":\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\",\"password\":\"p\"}"})
    void refusesEveryInvalidRegistrationWith004(String body) {
        JsonObject answer = client.postRaw("/reg", body.getBytes(StandardCharsets.UTF_8), "text/plain").asJsonObject();
        assertEquals("004", answer.getString("code"), body);
    }

    @Test
    void refusesAnOverLongPassword() {
        assertEquals("004", reg("userName", uniqueName("long"), "nickName", uniqueName("n"), "password", "x".repeat(129)));
    }

    @Test
    void storesASaltedSlowHashNeverTheSecret() throws Exception {
        String user = uniqueName("hash");
        assertEquals("002", validReg(user, user));
        try (var c = Invariants.connect(); var s = c.prepareStatement("select password from user_info where user_name = ?")) {
            s.setString(1, user);
            var rs = s.executeQuery();
            assertTrue(rs.next());
            String stored = rs.getString(1);
            assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
            assertTrue(!stored.contains(SECRET), stored);
        }
    }

    @Test
    void logsInAndAnswers001ForEveryFailure() {
        String user = uniqueName("login");
        assertEquals("002", validReg(user, user));
        JsonObject ok = client.post("/login", json("user", user, "password", SECRET));
        assertEquals("000", ok.getString("code"));
        assertTrue(ok.getString("token").length() >= 22, "at least 128 random bits");
        assertEquals("000", client.postRaw("/login", json("user", user, "password", SECRET).toString()
                .getBytes(StandardCharsets.UTF_8), "application/json; charset=bogus").asJsonObject().getString("code"),
                "a charset the server does not know: JSON is UTF-8");
        assertEquals("001", client.code("/login", json("user", user, "password", "0".repeat(32))), "wrong password");
        assertEquals("001", client.code("/login", json("user", uniqueName("nobody"), "password", SECRET)), "unknown user");
        assertEquals("001", client.code("/login", json("user", user)), "no password");
        assertEquals("001", client.postRaw("/login", "{oops".getBytes(StandardCharsets.UTF_8), null)
                .asJsonObject().getString("code"), "malformed JSON");
        assertEquals("001", client.postRaw("/login", new byte[0], null).asJsonObject().getString("code"), "no body");
    }

    /** A body of hundreds of megabytes (the server has 512 MiB of heap) is refused as too long, never held whole. */
    @Test
    void aBodyOfHundredsOfMegabytesIsRefusedAsTooLong() throws Exception {
        byte[] head = ("{\"user\":\"" + uniqueName("huge") + "\",\"password\":\"").getBytes(StandardCharsets.UTF_8);
        try (var login = StreamedUpload.post(Integer.getInteger("it.http.port"), "/login", head, 7, 400L << 20,
                "\"}".getBytes(StandardCharsets.UTF_8), 4_000_000_000L)) {
            StreamedUpload.Outcome outcome = login.await(Duration.ofSeconds(90));
            assertEquals(200, outcome.status(), outcome.toString());
            assertEquals("001", outcome.code(), outcome.toString());
        }
    }

    @Test
    void tokensWorkOnlyForTheirUserAndSeveralDevicesAtOnce() {
        String name = uniqueName("dev");
        User first = client.register(name, SECRET);
        User second = client.login(name, SECRET);
        assertNotEquals(first.token(), second.token());
        assertEquals(0, client.myCount(first), "the first device still works");
        assertEquals(0, client.myCount(second), "the second device works");
        User other = client.newUser("dev");
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", name, "token", other.token())));
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", name, "token", "")));
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", name)));
    }

    @Test
    void anExpiredTokenIsRejectedAndUseRenewsTheIdleLifetime() throws Exception {
        User u = client.newUser("ttl");
        // a second login of the user, whose token no request has used yet: no node has it in its cache of verified
        // tokens (a cached token is trusted for 5 s after the check that renewed its whole idle lifetime in Redis,
        // so its natural expiry cannot fall inside that time; only shortening its key by hand, as below, could)
        User unused = client.relogin(u);
        try (RedisClient redis = RedisClient.create("127.0.0.1", TestEnvironment.redis().port())) {
            assertEquals(u.name(), redis.get(tokenKey(u)), "only the token's digest is stored, with the user name");
            redis.pexpire(tokenKey(u), 60_000);
            assertEquals(0, client.myCount(u));
            assertTrue(redis.pttl(tokenKey(u)) > 3_600_000L, "a valid use starts the idle lifetime again");
            redis.pexpire(tokenKey(unused), 1);
            Thread.sleep(50);
        }
        assertEquals("111", client.code("/myfiles?cmd=count", json("user", u.name(), "token", unused.token())));
        new DriveClient(client).expectProblem(401, "unauthorized", unused, "GET", "/me", null);
        assertEquals("110", client.code("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
    }

    private static String tokenKey(User u) throws Exception {
        return "clouddisk:token:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(u.token().getBytes(StandardCharsets.UTF_8)));
    }
}
