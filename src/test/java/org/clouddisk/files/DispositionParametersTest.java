package org.clouddisk.files;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DispositionParametersTest {

    @Test
    void readsTheDesktopClientsHeader() {
        assertEquals(Map.of("user", "mike", "filename", "a.jpg", "md5", "0123456789abcdef0123456789abcdef",
                        "size", "10240"),
                DispositionParameters.parse("Content-Disposition: form-data; user=\"mike\"; filename=\"a.jpg\"; "
                        + "md5=\"0123456789abcdef0123456789abcdef\"; size=10240"));
    }

    @Test
    void quotedValuesKeepSemicolonsSpacesAndEqualSigns() {
        assertEquals(Map.of("filename", "a; b = c ;d.txt", "user", " spaced  out "),
                DispositionParameters.parse("form-data; filename=\"a; b = c ;d.txt\"; user=\" spaced  out \""));
    }

    @Test
    void unquotedValuesEndAtASemicolonOrSpace() {
        assertEquals(Map.of("user", "mike", "size", "12", "md5", "abc"),
                DispositionParameters.parse("form-data; user=mike;size=12 md5=abc"));
    }

    @Test
    void parametersMaySeparateBySpacesOnly() {
        assertEquals(Map.of("user", "mike", "filename", "a b.jpg", "size", "3", "token", "t0k"),
                DispositionParameters.parse("Content-Disposition: form-data user=\"mike\" filename=\"a b.jpg\"  size=3\ttoken=t0k"));
    }

    @Test
    void backslashEscapesInQuotedValues() {
        assertEquals(Map.of("filename", "he said \"hi\"; ok\\.txt"),
                DispositionParameters.parse("form-data; filename=\"he said \\\"hi\\\"; ok\\\\.txt\""));
        assertEquals(Map.of("filename", "ends with quote\""),
                DispositionParameters.parse("form-data; filename=\"ends with quote\\\"\""));
    }

    @Test
    void keepsCjkAndOtherUnicodeAsIs() {
        assertEquals(Map.of("filename", "中文 報告 (1).txt", "user", "ユーザー"),
                DispositionParameters.parse("content-disposition: form-data; filename=\"中文 報告 (1).txt\"; user=ユーザー"));
        assertEquals(Map.of("filename", "😀 emoji.png"), DispositionParameters.parse("form-data; filename=\"😀 emoji.png\""));
    }

    @Test
    void lowercasesKeysAndKeepsTheFirstOfARepeatedKey() {
        assertEquals(Map.of("filename", "first", "user", "U"),
                DispositionParameters.parse("form-data; FileName=\"first\"; USER=U; filename=\"second\""));
    }

    @Test
    void readsEmptyValuesAndParametersWithoutTheHeaderName() {
        assertEquals(Map.of("token", "", "user", "u"), DispositionParameters.parse("token=\"\"; user=u"));
        assertEquals(Map.of("token", "", "user", "u"), DispositionParameters.parse("token=; user=u"));
    }

    @Test
    void ignoresBareWordsAndToleratesBrokenInput() {
        assertEquals(Map.of(), DispositionParameters.parse("Content-Disposition: form-data"));
        assertEquals(Map.of(), DispositionParameters.parse(""));
        assertEquals(Map.of(), DispositionParameters.parse("; ;  ;"));
        assertEquals(Map.of("user", "u"), DispositionParameters.parse("=x; user=u"));
        assertEquals(Map.of("filename", "never closed; size=3"),
                DispositionParameters.parse("form-data; filename=\"never closed; size=3"));
        assertEquals(Map.of("filename", "trailing backslash\\"),
                DispositionParameters.parse("filename=\"trailing backslash\\"));
    }

    @Test
    void aColonInsideAValueIsNotTheHeaderName() {
        assertEquals(Map.of("filename", "C:\\x.txt"), DispositionParameters.parse("filename=C:\\x.txt"));
        assertEquals(Map.of("filename", "a:b.txt"),
                DispositionParameters.parse("Content-Disposition: form-data; filename=\"a:b.txt\""));
    }

    @Test
    void aBackslashEscapesOnlyAQuoteOrABackslash() {
        // browsers send a name's backslashes unescaped: a\b.txt must survive
        assertEquals("a\\b.txt", DispositionParameters.parse("filename=\"a\\b.txt\"").get("filename"));
        assertEquals("say \"hi\".txt", DispositionParameters.parse("filename=\"say \\\"hi\\\".txt\"").get("filename"));
        assertEquals("c:\\dir", DispositionParameters.parse("filename=\"c:\\\\dir\"").get("filename"));
    }
}
