package org.clouddisk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

/**
 * Previews of the owner's files in the browser: thumbnails in the list, the lightbox (previous / next by button and
 * keyboard, Escape), text (the first 1 MiB through a Range request), audio in the browser's player, PDF in a frame.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class PreviewsBrowserIT extends BrowserSession {

    static final int MIB = 1024 * 1024;

    @Test
    void imagesInTheLightboxAndTextAsText() throws Exception {
        openAsNewUser("fiona");
        byte[] red = png(800, 600, Color.RED);
        byte[] blue = png(300, 500, Color.BLUE);
        String notes = "Packing list\n- tent\n- stove ü ☕\n";
        byte[] big = "0123456789abcdef\n".repeat(MIB / 17 * 2).getBytes(StandardCharsets.US_ASCII); // about 2 MiB
        upload(String.join("\n", List.of(write("1-red.png", red).toString(), write("2-blue.png", blue).toString(),
                write("3-notes.txt", notes.getBytes(StandardCharsets.UTF_8)).toString(),
                write("4-big.log", big).toString(), write("5-data.bin", randomBytes(1000)).toString())));
        for (String name : List.of("1-red.png", "2-blue.png", "3-notes.txt", "4-big.log", "5-data.bin")) {
            waitTransfer(name, "done", "stored");
        }
        for (String name : List.of("1-red.png", "2-blue.png", "3-notes.txt", "4-big.log", "5-data.bin")) {
            visible(myRow(name)); // the list reloads once the uploads are done
        }

        // Thumbnails in the list for the images, from the thumbnail endpoint (64 px at most).
        String thumb = myRow("1-red.png") + " img.thumb";
        wait.ignoring(StaleElementReferenceException.class).until(d -> naturalWidth(visible(thumb)) > 0); // the list may reload
        assertEquals(64, naturalWidth(visible(thumb)), "the 64 px thumbnail of an 800 px wide image");
        assertEquals(List.of(), driver.findElements(By.cssSelector(myRow("5-data.bin") + " .open-preview")),
                "a file that cannot be previewed has no preview");

        // The lightbox: the right picture, then next and previous by keyboard and buttons, wrapping around.
        click(myRow("1-red.png") + " .open-preview");
        expectPreview("image", "1-red.png");
        WebElement image = visible("#preview-image");
        assertEquals(800, naturalWidth(image), "the 1024 thumbnail of an 800 px image is the image's own size");
        assertColour(Color.RED, image);
        assertTrue(text("#preview-position").startsWith("1 of 4 · "), text("#preview-position"));
        shot("preview-image");
        phoneShot("phone-preview-image");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        expectPreview("image", "2-blue.png");
        assertColour(Color.BLUE, visible("#preview-image"));
        click("#preview-next");
        expectPreview("text", "3-notes.txt");
        assertEquals(notes, visible("#preview-text").getDomProperty("textContent"));
        assertEquals(List.of(), driver.findElements(By.id("preview-note")), "the whole file is shown");
        shot("preview-text");
        click("#preview-prev");
        expectPreview("image", "2-blue.png");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        expectPreview("image", "1-red.png");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        expectPreview("text", "4-big.log");

        // A large text: its first MiB only (a Range request), and the note saying so.
        String shown = visible("#preview-text").getDomProperty("textContent");
        assertEquals(MIB, shown.length(), "the first MiB");
        assertEquals(new String(big, 0, MIB, StandardCharsets.US_ASCII), shown);
        assertTrue(text("#preview-note").contains("first 1.00 MB"), text("#preview-note"));

        // Escape closes it, and the focus is back on the name that opened it.
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(invisibilityOfElementLocated(By.id("preview-dialog")));
        assertEquals(driver.findElement(By.cssSelector(myRow("1-red.png") + " .open-preview")),
                driver.switchTo().activeElement());
        Invariants.assertHold();
    }

    @Test
    void audioAndPdfStreamThroughTheServiceWorker() throws Exception {
        String gus = openAsNewUser("gus");
        byte[] tone = wav(8000, 2);
        upload(write("tone.wav", tone).toString() + "\n" + write("paper.pdf", pdf()).toString());
        waitTransfer("tone.wav", "done", "stored");
        waitTransfer("paper.pdf", "done", "stored");
        visible(myRow("tone.wav"));
        visible(myRow("paper.pdf"));

        // The service worker streams the owner's files into the players (it adds the token: no token in any URL).
        wait.until(d -> Boolean.TRUE.equals(driver.executeScript("return !!navigator.serviceWorker.controller")));
        String token = token();
        click(myRow("tone.wav") + " .open-preview");
        expectPreview("audio", "tone.wav");
        WebElement audio = visible("#preview-media");
        String id = driver.findElement(By.cssSelector(myRow("tone.wav"))).getDomAttribute("data-id");
        assertEquals(base + "stream/nodes/" + id, audio.getDomProperty("src"));
        wait.until(d -> ((Number) driver.executeScript("return arguments[0].readyState", audio)).intValue() >= 1);
        assertEquals(2.0, ((Number) driver.executeScript("return arguments[0].duration", audio)).doubleValue(), 0.01,
                "the player read the file's header: 2 s at 8000 Hz");
        driver.executeScript("arguments[0].currentTime = 1.5", audio);
        wait.until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return !arguments[0].seeking && arguments[0].currentTime >= 1.5", audio)));
        // What the worker answers for a Range, as the player gets it: 206 with the bytes asked for.
        assertEquals(List.of(206L, "bytes 44-47/" + tone.length, rangeBytes(tone, 44, 4)),
                driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch(arguments[0], {headers: {Range: 'bytes=44-47'}}).then(async (r) =>
                            done([r.status, r.headers.get('Content-Range'), [...new Uint8Array(await r.arrayBuffer())].join(',')]));
                        """, audio.getDomProperty("src")));

        click("#preview-next");
        expectPreview("pdf", "paper.pdf");
        String src = visible("#preview-pdf").getDomProperty("src");
        assertTrue(!src.contains(token), "no token in the URL: " + src);
        assertEquals(List.of(200L, "application/pdf"), driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => done([r.status, r.headers.get('Content-Type')]));
                """, src));
        click("#preview-close");
        wait.until(invisibilityOfElementLocated(By.id("preview-dialog")));

        // Logged out, the worker has no token to add: the server refuses.
        logOut();
        assertEquals(401L, driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => done(r.status));
                """, src));

        // A browser without service workers: small files are fetched whole and played from an object URL.
        openBrowser();
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "Object.defineProperty(Navigator.prototype, 'serviceWorker', {get: () => undefined})"));
        driver.get(base);
        logIn(gus, PASSWORD, true);
        assertEquals(null, driver.executeScript("return navigator.serviceWorker"));
        click(myRow("tone.wav") + " .open-preview");
        expectPreview("audio", "tone.wav");
        WebElement fallback = visible("#preview-media");
        assertTrue(fallback.getDomProperty("src").startsWith("blob:"), fallback.getDomProperty("src"));
        wait.until(d -> ((Number) driver.executeScript("return arguments[0].readyState", fallback)).intValue() >= 1);
        assertEquals(2.0, ((Number) driver.executeScript("return arguments[0].duration", fallback)).doubleValue(), 0.01);

        // ... and a download there is fetched whole into a Blob, then saved: the same bytes.
        click("#preview-close");
        wait.until(invisibilityOfElementLocated(By.id("preview-dialog")));
        click(myRow("tone.wav") + " .act-download");
        assertArrayEquals(tone, Files.readAllBytes(downloaded("tone.wav", tone.length)), "downloaded bytes");
        wait.until(textToBePresentInElementLocated(
                By.cssSelector("#transfer-list li[data-kind='download'][data-name='tone.wav']"), "no service worker"));
        Invariants.assertHold();
    }

    // ---------------------------------------------------------------- steps

    private void expectPreview(String kind, String name) {
        visible("#preview-dialog");
        wait.until(attributeToBe(By.id("preview-dialog"), "data-name", name));
        wait.until(attributeToBe(By.id("preview-dialog"), "data-kind", kind));
        wait.until(attributeToBe(By.id("preview-dialog"), "data-state", "ready"));
        assertEquals(name, text("#preview-title"));
    }

    /** The `length` bytes at `offset`, as "b1,b2,..." of unsigned values. */
    private static String rangeBytes(byte[] content, int offset, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            out.append(i > offset ? "," : "").append(content[i] & 0xff);
        }
        return out.toString();
    }

    private long naturalWidth(WebElement img) {
        return ((Number) driver.executeScript("return arguments[0].naturalWidth", img)).longValue();
    }

    /** The image's centre pixel as the page decoded it is `colour` (within what JPEG's compression changes). */
    private void assertColour(Color colour, WebElement img) {
        String rgb = (String) driver.executeScript("""
                const img = arguments[0];
                const c = document.createElement('canvas');
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                const g = c.getContext('2d');
                g.drawImage(img, 0, 0);
                const p = g.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
                return [p[0], p[1], p[2]].join(',');
                """, img);
        String[] c = rgb.split(",");
        int[] expected = {colour.getRed(), colour.getGreen(), colour.getBlue()};
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(Integer.parseInt(c[i]) - expected[i]) <= 8, "centre pixel " + rgb + ", expected " + colour);
        }
    }

    // ---------------------------------------------------------------- test files

    /** A PNG of a disc of `color` (the centre pixel) on a pale gradient. */
    static byte[] png(int width, int height, Color color) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0xf4f7fb), 0, height, new Color(0xc9d6ea)));
        g.fillRect(0, 0, width, height);
        int r = Math.min(width, height) * 7 / 20;
        g.setColor(color);
        g.fillOval(width / 2 - r, height / 2 - r, 2 * r, 2 * r);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A WAV file of `seconds` of a 440 Hz tone, 16-bit mono PCM. */
    static byte[] wav(int rate, int seconds) {
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }

    /** A one-page PDF saying hello. */
    static byte[] pdf() {
        String stream = "BT /F1 24 Tf 72 720 Td (Hello from CloudDisk) Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.size(); i++) {
            xref.append(String.format("%010d 00000 n \n", pdf.length()));
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int start = pdf.length();
        pdf.append(xref).append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(start).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
