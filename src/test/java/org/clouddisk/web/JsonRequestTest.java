package org.clouddisk.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonRequestTest {

    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private static JsonRequest json(String body) {
        return JsonRequest.parse(body);
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable e) {
        assertThrows(InvalidRequestException.class, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName", "user", "username"})
    void acceptsEveryUserAlias(String alias) {
        assertEquals("mike", json("{\"" + alias + "\":\"mike\"}").user());
    }

    @Test
    void acceptsEveryOtherAlias() {
        for (String alias : new String[]{"password", "pwd", "firstPwd"}) {
            assertEquals("secret", json("{\"" + alias + "\":\"secret\"}").text(JsonRequest.PASSWORD, 128), alias);
        }
        for (String alias : new String[]{"nickName", "nickname"}) {
            assertEquals("Nick", json("{\"" + alias + "\":\"Nick\"}").text(JsonRequest.NICK, 32), alias);
        }
        for (String alias : new String[]{"fileName", "filename"}) {
            assertEquals("a.txt", json("{\"" + alias + "\":\"a.txt\"}").filename(), alias);
        }
    }

    @Test
    void aliasesAreCaseSensitive() {
        assertInvalid(() -> json("{\"USER\":\"mike\"}").user());
        assertInvalid(() -> json("{\"FileName\":\"a.txt\"}").filename());
    }

    @Test
    void theFirstListedAliasWins() {
        assertEquals("a", json("{\"user\":\"b\",\"userName\":\"a\"}").user());
        assertEquals("x.txt", json("{\"filename\":\"y.txt\",\"fileName\":\"x.txt\"}").filename());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"user\":null}", "{\"user\":\"\"}", "{\"user\":1}", "{\"user\":true}",
            "{\"user\":[\"mike\"]}", "{\"user\":{\"n\":\"mike\"}}", "{\"user\":\"123456789012345678901234567890123\"}"})
    void refusesAMissingMistypedOrOverLongUser(String body) {
        assertInvalid(() -> json(body).user());
    }

    @Test
    void countsLengthsInCharacters() {
        assertEquals("中".repeat(32), json("{\"user\":\"" + "中".repeat(32) + "\"}").user());
        assertEquals("😀".repeat(32), json("{\"user\":\"" + "😀".repeat(32) + "\"}").user());
        assertInvalid(() -> json("{\"user\":\"" + "😀".repeat(33) + "\"}").user());
        assertEquals(128, json("{\"token\":\"" + "t".repeat(128) + "\"}").token().length());
        assertInvalid(() -> json("{\"token\":\"" + "t".repeat(129) + "\"}").token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void aBlankBodyIsAnEmptyObject(String body) {
        assertInvalid(() -> json(body).user());
        assertEquals("", json(body).textOrEmpty(JsonRequest.TOKEN, 128));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"user\":", "[]", "[{\"user\":\"mike\"}]", "\"mike\"", "42", "null", "true",
            "{\"user\":\"mike\"} trailing", "{'user':'mike'}", "{user:\"mike\"}", "\u0000"})
    void refusesWhatIsNotOneJsonObject(String body) {
        assertInvalid(() -> json(body));
    }

    @Test
    void refusesABodyOver64KiB() {
        String padding = "x".repeat(64 * 1024);
        assertInvalid(() -> json("{\"user\":\"mike\",\"pad\":\"" + padding + "\"}"));
    }

    /** What the parser refuses past its limits is an invalid request like any malformed body, not a server error. */
    @Test
    void refusesNumbersAndNestingPastTheParsersLimits() {
        assertInvalid(() -> json("{\"user\":\"mike\",\"n\":1e9999999999}"));
        assertInvalid(() -> json("{\"user\":\"mike\",\"n\":" + "9".repeat(2000) + "}"));
        assertInvalid(() -> json("{\"user\":\"mike\",\"n\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
    }

    @Test
    void textOrEmptyAnswersEmptyForAbsentOrNullButRefusesWrongTypes() {
        assertEquals("", json("{}").textOrEmpty(JsonRequest.TOKEN, 128));
        assertEquals("", json("{\"token\":null}").textOrEmpty(JsonRequest.TOKEN, 128));
        assertEquals("t", json("{\"token\":\"t\"}").textOrEmpty(JsonRequest.TOKEN, 128));
        assertInvalid(() -> json("{\"token\":5}").textOrEmpty(JsonRequest.TOKEN, 128));
        assertInvalid(() -> json("{\"token\":\"tt\"}").textOrEmpty(JsonRequest.TOKEN, 1));
    }

    @Test
    void theMd5IsAnsweredLowercase() {
        assertEquals(MD5, json("{\"md5\":\"" + MD5.toUpperCase() + "\"}").md5());
        assertEquals(MD5, json("{\"md5\":\"" + MD5 + "\"}").md5());
        assertEquals(MD5, json("{\"md5\":\"0123456789ABCDEF0123456789abcdef\"}").md5());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdeg", " 0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcde\n",
            "０123456789abcdef0123456789abcde"})
    void refusesAnMd5ThatIsNot32HexDigits(String md5) {
        assertInvalid(() -> json("{\"md5\":\"" + md5.replace("\n", "\\n") + "\"}").md5());
    }

    @Test
    void refusesAnMd5OfAnotherType() {
        assertInvalid(() -> json("{\"md5\":12345678901234567890123456789012}").md5());
        assertInvalid(() -> json("{}").md5());
    }

    @Test
    void filenamesKeepEverythingButControlCharacters() {
        assertEquals("../../etc/passwd", json("{\"filename\":\"../../etc/passwd\"}").filename());
        assertEquals("he said \"hi\"; 中文.txt", json("{\"filename\":\"he said \\\"hi\\\"; 中文.txt\"}").filename());
        assertEquals("x".repeat(255), json("{\"filename\":\"" + "x".repeat(255) + "\"}").filename());
        assertInvalid(() -> json("{\"filename\":\"" + "x".repeat(256) + "\"}").filename());
        assertInvalid(() -> json("{\"filename\":\"a\\u0000b\"}").filename());
        assertInvalid(() -> json("{\"filename\":\"a\\nb\"}").filename());
        assertInvalid(() -> json("{\"filename\":\"a\\u0085b\"}").filename());
        assertInvalid(() -> json("{\"filename\":\"\"}").filename());
        assertInvalid(() -> json("{\"filename\":42}").filename());
    }

    @Test
    void integersMayBeNumbersOrNumericStrings() {
        assertEquals(5, json("{\"n\":5}").integer("n", 0, 10));
        assertEquals(5, json("{\"n\":\"5\"}").integer("n", 0, 10));
        assertEquals(5, json("{\"n\":\" 5 \"}").integer("n", 0, 10));
        assertEquals(0, json("{\"n\":0}").integer("n", 0, 10));
        assertEquals(10, json("{\"n\":10}").integer("n", 0, 10));
        assertEquals(Integer.MAX_VALUE, json("{\"n\":2147483647}").integer("n", 0, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"n\":null}", "{\"n\":-1}", "{\"n\":11}", "{\"n\":2.5}", "{\"n\":\"2.5\"}",
            "{\"n\":\"five\"}", "{\"n\":\"\"}", "{\"n\":true}", "{\"n\":[5]}", "{\"n\":1e30}",
            "{\"n\":99999999999999999999999}", "{\"n\":\"99999999999999999999999\"}", "{\"n\":2147483648}"})
    void refusesIntegersThatAreMissingMistypedOrOutOfRange(String body) {
        int max = body.contains("2147483648") ? Integer.MAX_VALUE : 10;
        assertInvalid(() -> json(body).integer("n", 0, max));
    }
}
