package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

/**
 * The page's resumable uploads (js/resumable.js over tus at /api/v2/uploads), with Chromium's network emulation
 * slowing or cutting the upload: paused and resumed, continued after a page reload, continued when the network
 * comes back; each time the stored bytes are compared and the upload must have continued, not started again.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class UploadsBrowserIT extends BrowserSession {

    /** The bytes of the page's first tus PATCH (js/resumable.js): paused past it, the server has at least those. */
    private static final long FIRST_PATCH = 16 << 20;

    @Test
    void anUploadPausedAndResumedArrivesWholeInTheFolderOnScreen() throws Exception {
        String paula = openAsNewUser("paula");
        newFolder("Videos");
        openFolder("Videos");
        byte[] content = randomBytes(40 << 20);
        String name = "holiday.mp4";
        throttleUploads(4_000_000);
        upload(write(name, content).toString());
        String row = transferRow(name);
        waitForProgress(row, 50);
        assertTrue(text(row + " .transfer-detail").matches(".* of 40\\.0 MB · .*/s · .*left"),
                "size, speed and time left: " + text(row + " .transfer-detail"));
        shot("transfers-uploading", visible("#transfers"));
        click(row + " .transfer-pause");
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "paused"));
        wait.until(textToBe(By.cssSelector(row + " .transfer-pause"), "Resume"));
        shot("transfers-paused", visible("#transfers"));
        throttleUploads(-1);
        click(row + " .transfer-pause");
        WebElement done = waitTransfer(name, "done", "stored");
        assertTrue(Long.parseLong(done.getDomAttribute("data-resumed-from")) >= FIRST_PATCH,
                "continued where the server stopped: " + done.getDomAttribute("data-resumed-from"));
        assertStored(paula, done.getDomAttribute("data-node"), content);
        visible(myRow(name));
    }

    @Test
    void anUploadContinuesAfterAPageReload() throws Exception {
        String rita = openAsNewUser("rita");
        byte[] content = randomBytes(40 << 20);
        String name = "backup.tar";
        Path file = write(name, content);
        throttleUploads(4_000_000);
        upload(file.toString());
        String row = transferRow(name);
        waitForProgress(row, 50);
        click(row + " .transfer-pause");
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "paused"));

        driver.navigate().refresh();
        wait.until(textToBe(By.id("current-user"), rita));
        String remembered = "#transfer-list li[data-remembered='true'][data-name='" + name + "']";
        wait.until(attributeToBe(By.cssSelector(remembered), "data-state", "interrupted"));
        throttleUploads(-1);
        upload(file.toString());
        wait.until(invisibilityOfElementLocated(By.cssSelector(remembered)));
        WebElement done = waitTransfer(name, "done", "stored");
        assertTrue(Long.parseLong(done.getDomAttribute("data-resumed-from")) >= FIRST_PATCH,
                "continued where the server stopped: " + done.getDomAttribute("data-resumed-from"));
        assertStored(rita, done.getDomAttribute("data-node"), content);
    }

    @Test
    void anUploadContinuesWhenTheNetworkComesBack() throws Exception {
        String olga = openAsNewUser("olga");
        byte[] content = randomBytes(40 << 20);
        String name = "thesis.pdf";
        throttleUploads(4_000_000);
        upload(write(name, content).toString());
        String row = transferRow(name);
        waitForProgress(row, 50);
        emulateNetwork(true, 4_000_000);
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "paused"));
        assertTrue(text(row + " .transfer-detail").startsWith("Connection lost"), text(row + " .transfer-detail"));
        emulateNetwork(false, -1); // the browser is online again: the upload continues by itself
        WebElement done = waitTransfer(name, "done", "stored");
        assertTrue(Long.parseLong(done.getDomAttribute("data-resumed-from")) >= FIRST_PATCH,
                "continued where the server stopped: " + done.getDomAttribute("data-resumed-from"));
        assertStored(olga, done.getDomAttribute("data-node"), content);
    }

    /** Limits what the page sends to that many bytes a second (Chromium's network emulation); -1 lifts it. */
    private void throttleUploads(long bytesPerSecond) {
        emulateNetwork(false, bytesPerSecond);
    }

    /** Chromium's network emulation: offline (requests fail, navigator.onLine is false) or up at that upload rate. */
    private void emulateNetwork(boolean offline, long uploadBytesPerSecond) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", uploadBytesPerSecond));
    }

    private static String transferRow(String name) {
        return "#transfer-list li[data-kind='upload'][data-name='" + name + "']";
    }

    /** Waits until the row's upload (not its MD5) has sent at least that many percent. */
    private void waitForProgress(String rowCss, int percent) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> ((Number) driver.executeScript(
                "const row = document.querySelector(arguments[0]);"
                        + " return row && row.dataset.state === 'uploading' ? row.querySelector('progress').value : 0;",
                rowCss)).doubleValue() >= percent);
    }

    /** The node the page reported holds exactly these bytes. */
    private void assertStored(String user, String nodeId, byte[] content) {
        DriveClient drive = new DriveClient(client);
        CloudDiskClient.User u = new CloudDiskClient.User(user, token());
        assertEquals(md5(content), drive.node(u, nodeId).getString("md5"));
        Answer bytes = drive.send(u, "GET", "/nodes/" + nodeId + "/content", null);
        assertEquals(200, bytes.status());
        assertArrayEquals(content, bytes.body());
    }
}
