package org.clouddisk.files;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DownloadPlanTest {

    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String ETAG = '"' + MD5 + '"';
    private static final FileInfo CONTENT = new FileInfo(MD5, "group1/M00/00/00/x.bin", "http://h/x", 1000, "bin");

    private static DownloadPlan plan(String range, String ifRange, String ifNoneMatch) {
        return DownloadPlan.of(CONTENT, range, ifRange, ifNoneMatch);
    }

    @Test
    void answersTheWholeContentWithoutAUsableRange() {
        for (String range : new String[]{null, "bytes=-", "items=0-5", "bytes=0-5,10-20", "bytes=x-y"}) {
            assertEquals(new DownloadPlan(200, ETAG, 0, 1000, null), plan(range, null, null), range);
        }
        assertEquals(new DownloadPlan(200, ETAG, 0, 1000, null), plan("bytes=0-5", "\"other\"", null),
                "an If-Range of another version asks for the whole content");
    }

    @Test
    void answersOneRange() {
        assertEquals(new DownloadPlan(206, ETAG, 10, 11, "bytes 10-20/1000"), plan("bytes=10-20", null, null));
        assertEquals(new DownloadPlan(206, ETAG, 990, 10, "bytes 990-999/1000"), plan("bytes=990-", ETAG, null));
        assertEquals(new DownloadPlan(206, ETAG, 900, 100, "bytes 900-999/1000"), plan("bytes=-100", null, null));
        assertEquals(new DownloadPlan(206, ETAG, 0, 1000, "bytes 0-999/1000"), plan("bytes=0-5000", null, null));
    }

    @Test
    void refusesRangesPastTheEndAndAnswersNotModified() {
        for (String range : new String[]{"bytes=1000-", "bytes=20-10", "bytes=-0", "bytes=99999999999999999999-"}) {
            assertEquals(new DownloadPlan(416, ETAG, 0, 0, "bytes */1000"), plan(range, null, null), range);
        }
        assertEquals(304, plan("bytes=0-5", null, ETAG).status());
    }
}
