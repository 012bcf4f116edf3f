package org.clouddisk.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.clouddisk.storage.fdfs.FastDfsTestServer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GET /api/v2/nodes/{id}/thumbnail: images rendered in the server, everything else a defined answer. */
class ThumbnailsIT extends Deployments {

    private final DriveClient drive = new DriveClient(client);

    private static byte[] image(int width, int height, String format) throws IOException {
        var picture = new BufferedImage(width, height, "png".equals(format) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = picture.createGraphics();
        g.setColor(new Color(width % 256, 90, 200, "png".equals(format) ? 128 : 255)); // a different content per size
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(picture, format, out));
        return out.toByteArray();
    }

    private String upload(User u, String name, byte[] content) {
        assertEquals("008", client.uploadLegacy(u, name, content));
        return drive.children(u, "root", "?limit=1000").getJsonArray("items").getValuesAs(JsonValue::asJsonObject)
                .stream().filter(n -> n.getString("name").equals(name) && md5(content).equals(n.getString("md5", null)))
                .map(n -> n.getString("id")).findFirst().orElseThrow();
    }

    private static BufferedImage decode(Answer a) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(a.body()));
    }

    @Test
    void aJpegBecomesAThumbnailThatFitsTheSizeAndKeepsItsShape() throws IOException {
        User u = client.newUser("thumb");
        String id = upload(u, "photo.jpg", image(1600, 1000, "jpg"));
        Answer a = drive.send(u, "GET", "/nodes/" + id + "/thumbnail?size=256", null);
        assertEquals(200, a.status(), a.text());
        assertEquals("image/jpeg", a.header("Content-Type"));
        BufferedImage thumb = decode(a);
        assertEquals(256, thumb.getWidth());
        assertEquals(160, thumb.getHeight());
        Answer small = drive.send(u, "GET", "/nodes/" + id + "/thumbnail?size=64", null);
        assertEquals(64, decode(small).getWidth());
        Answer again = drive.send(u, "GET", "/nodes/" + id + "/thumbnail?size=256", null);
        assertArrayEquals(a.body(), again.body(), "made once, then served from the cache");
        Answer unchanged = drive.send(u, "GET", "/nodes/" + id + "/thumbnail?size=256", null, "If-None-Match", a.header("ETag"));
        assertEquals(304, unchanged.status());
    }

    @Test
    void aTransparentPngStaysAPngAndTheDefaultSizeIs256() throws IOException {
        User u = client.newUser("thumb");
        String id = upload(u, "logo.png", image(300, 600, "png"));
        Answer a = drive.send(u, "GET", "/nodes/" + id + "/thumbnail", null);
        assertEquals(200, a.status(), a.text());
        assertEquals("image/png", a.header("Content-Type"));
        BufferedImage thumb = decode(a);
        assertEquals(128, thumb.getWidth());
        assertEquals(256, thumb.getHeight());
        assertTrue(thumb.getColorModel().hasAlpha());
    }

    @Test
    void whatHasNoThumbnailAnswersItsProblem() throws IOException {
        User u = client.newUser("thumb");
        String text = upload(u, "notes.txt", CloudDiskClient.uniqueContent("not an image", 500));
        drive.expectProblem(404, "not_found", u, "GET", "/nodes/" + text + "/thumbnail?size=64", null);
        byte[] jpeg = image(800, 600, "jpg");
        String truncated = upload(u, "cut.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length / 3));
        drive.expectProblem(404, "not_found", u, "GET", "/nodes/" + truncated + "/thumbnail", null);
        String photo = upload(u, "p.jpg", image(40, 30, "jpg"));
        drive.expectProblem(400, "invalid", u, "GET", "/nodes/" + photo + "/thumbnail?size=100", null);
        drive.expectProblem(400, "invalid", u, "GET", "/nodes/" + photo + "/thumbnail?size=big", null);
        drive.expectProblem(404, "not_found", u, "GET", "/nodes/root/thumbnail", null);
        drive.expectProblem(404, "not_found", u, "GET", "/nodes/999999999/thumbnail", null);
        drive.expectProblem(404, "not_found", client.newUser("other"), "GET", "/nodes/" + photo + "/thumbnail", null);
        drive.expectProblem(401, "unauthorized", null, "GET", "/nodes/" + photo + "/thumbnail", null);
        Answer small = drive.send(u, "GET", "/nodes/" + photo + "/thumbnail?size=1024", null);
        assertEquals(40, decode(small).getWidth(), "never enlarged");
        Invariants.assertHold();
    }

    @Test
    void aThumbnailThatCannotBeMadeWhileTheStorageIsDownAnswers503UntilItIsBack() throws IOException {
        FastDfsTestServer fastdfs = TestEnvironment.fastdfs();
        assumeTrue(fastdfs != null, "FastDFS run only: the local store cannot be cut");
        User u = client.newUser("thumb");
        String id = upload(u, "later.jpg", image(720, 540, "jpg")); // a size of its own: no thumbnail of it is cached
        Answer link = drive.send(u, "POST", "/links", json("node", id).toString());
        assertEquals(201, link.status(), link.text());
        String owners = "/nodes/" + id + "/thumbnail?size=64";
        String linked = "/public/links/" + link.json().asJsonObject().getString("id") + "/thumbnail?size=64";
        fastdfs.setStorageAvailable(false);
        try {
            for (Answer a : new Answer[]{drive.send(u, "GET", owners, null), drive.send(null, "GET", linked, null)}) {
                drive.expectProblem(503, "unavailable", a);
                assertEquals("5", a.header("Retry-After"));
            }
        } finally {
            fastdfs.setStorageAvailable(true);
        }
        Answer back = drive.send(u, "GET", owners, null);
        assertEquals(200, back.status(), back.text());
        assertEquals(64, decode(back).getWidth());
        assertEquals(200, drive.send(null, "GET", linked, null).status(), "the link's thumbnail is the same");
    }
}
