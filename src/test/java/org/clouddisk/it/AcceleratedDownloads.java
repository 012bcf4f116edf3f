package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The download scenario of a node with CLOUDDISK_ACCEL_REDIRECT behind nginx ({@link NginxFront}). */
final class AcceleratedDownloads {

    private AcceleratedDownloads() {
    }

    /**
     * A file uploaded through nginx downloads through it with its exact bytes, ranges (If-Range too), HEAD, 304
     * and 404, while the node itself answers the same URL with X-Accel-Redirect and no body; once deleted, its URL
     * answers 404.
     */
    static void assertSentByNginx(String nginxUrl, String nodeUrl) {
        var client = new CloudDiskClient(nginxUrl);
        User u = client.newUser("accel");
        byte[] content = CloudDiskClient.uniqueContent("accel", 3 << 20);
        String md5 = CloudDiskClient.md5(content);
        String etag = '"' + md5 + '"';
        assertEquals("008", client.uploadMultipart(u, "accel.bin", content));
        String url = LargeTransfers.urlOf(client, u, "accel.bin");
        String path = url.substring(nginxUrl.length());

        var node = client.get(nodeUrl + path);
        assertEquals(200, node.status());
        assertEquals(NginxFront.ACCEL_PREFIX + path, node.header("X-Accel-Redirect"));
        assertEquals(0, node.body().length, "the node sent the bytes itself");

        var whole = client.get(url);
        assertEquals(200, whole.status());
        assertArrayEquals(content, whole.body());
        assertEquals(etag, whole.header("ETag"));
        assertEquals(String.valueOf(content.length), whole.header("Content-Length"));
        assertNull(whole.header("X-Accel-Redirect"));

        var range = client.get(url, "Range", "bytes=1000000-1999999");
        assertEquals(206, range.status());
        assertEquals("bytes 1000000-1999999/" + content.length, range.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 1_000_000, 2_000_000), range.body());
        assertEquals(etag, range.header("ETag"));
        var ifRange = client.get(url, "Range", "bytes=10-19", "If-Range", etag);
        assertEquals(206, ifRange.status());
        assertArrayEquals(Arrays.copyOfRange(content, 10, 20), ifRange.body());
        var otherValidator = client.get(url, "Range", "bytes=10-19", "If-Range", "\"something else\"");
        assertEquals(200, otherValidator.status(), "an If-Range other than the md5 asks for the whole file");
        assertArrayEquals(content, otherValidator.body());

        assertEquals(416, client.get(url, "Range", "bytes=" + content.length + "-").status());
        var head = client.head(url);
        assertEquals(200, head.status());
        assertEquals(String.valueOf(content.length), head.header("Content-Length"));
        assertEquals(304, client.get(url, "If-None-Match", etag).status());
        assertEquals(404, client.get(url.replace(".bin", "x.bin")).status());

        assertEquals("013", client.dealFile("del", u, md5, "accel.bin"));
        assertEquals(404, client.get(url).status());

        // nginx keeps the node's Content-Type through X-Accel-Redirect and adds nosniff: a page stays bytes
        assertEquals("008", client.uploadMultipart(u, "page.html", CloudDiskClient.uniqueContent("<script>", 100)));
        var page = client.get(LargeTransfers.urlOf(client, u, "page.html"));
        assertEquals(200, page.status());
        assertEquals("application/octet-stream", page.header("Content-Type"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        Invariants.assertHold();
    }
}
