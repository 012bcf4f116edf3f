package org.clouddisk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.clouddisk.it.PreviewsBrowserIT.png;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

/**
 * Share links through the page: the owner creates them ("Link…" dialog) and sees them in My links; someone without
 * an account opens them at /s/{id} in a browser of their own: unlocks, previews, downloads, browses a folder, and
 * meets the pages of used-up, revoked and unknown links.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class LinksBrowserIT extends BrowserSession {

    private static final String LINK_PASSWORD = "open sesame";

    @Test
    void aPasswordLinkToAFileOpenedWithoutAnAccount() throws Exception {
        openAsNewUser("hana");
        ChromeDriver owner = driver;
        byte[] photo = png(640, 480, Color.GREEN);
        byte[] memo = "Meeting at nine.\n".getBytes(StandardCharsets.UTF_8);
        upload(write("photo.png", photo).toString() + "\n" + write("memo.txt", memo).toString());
        waitTransfer("photo.png", "done", "stored");
        waitTransfer("memo.txt", "done", "stored");

        // The dialog refuses what the server would, then creates the link: password, 7 days, 5 downloads.
        click(myRow("photo.png") + " .act-link");
        visible("#link-dialog");
        type("#link-password", LINK_PASSWORD);
        new Select(driver.findElement(By.id("link-expiry"))).selectByValue("7");
        type("#link-max", "0");
        click("#link-create");
        wait.until(textToBePresentInElementLocated(By.id("link-error"), "at least 1"));
        type("#link-max", "5");
        driver.findElement(By.id("link-max")).sendKeys(Keys.ENTER);
        String url = visible("#link-url").getDomProperty("value");
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(base + "s/" + id, url);
        click("#link-cancel"); // "Done"
        wait.until(invisibilityOfElementLocated(By.id("link-dialog")));

        // A second link, limited to one download.
        click(myRow("memo.txt") + " .act-link");
        new Select(driver.findElement(By.id("link-expiry"))).selectByValue("");
        type("#link-max", "1");
        click("#link-create");
        String memoUrl = visible("#link-url").getDomProperty("value");
        driver.findElement(By.id("link-url")).sendKeys(Keys.ESCAPE);
        wait.until(invisibilityOfElementLocated(By.id("link-dialog")));

        // My links: both, active, with their options.
        nav("links");
        String row = "#links-list tr[data-id='" + id + "']";
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "active"));
        assertEquals("photo.png", driver.findElement(By.cssSelector(row)).getDomAttribute("data-name"));
        assertEquals("0 / 5", text(row + " .downloads"));
        assertEquals("Yes", text(row + " .has-password"));
        Instant expires = Instant.parse(driver.findElement(By.cssSelector(row + " time")).getDomAttribute("datetime"));
        assertTrue(Math.abs(ChronoUnit.MINUTES.between(Instant.now().plus(7, ChronoUnit.DAYS), expires)) < 10,
                "expires in 7 days: " + expires);
        String memoRow = "#links-list tr[data-url='" + memoUrl + "']";
        assertEquals("0 / 1", text(memoRow + " .downloads"));
        assertEquals("No", text(memoRow + " .has-password"));
        shot("my-links");
        phoneShot("phone-my-links");

        // Someone else, in a browser of their own: the password first (a wrong one is refused).
        ChromeDriver guest = openBrowser();
        driver.get(url);
        visible("#share-unlock");
        assertEquals(List.of(), driver.findElements(By.cssSelector("#share-name:not(:empty)")), "nothing shown yet");
        shot("link-unlock");
        type("#unlock-password", "open sesame?");
        click("#unlock-submit");
        wait.until(textToBe(By.id("unlock-error"), "That is not the password of this link."));
        type("#unlock-password", LINK_PASSWORD);
        driver.findElement(By.id("unlock-password")).sendKeys(Keys.ENTER);
        wait.until(textToBe(By.id("share-name"), "photo.png"));
        wait.until(d -> ((Number) driver.executeScript("return arguments[0].naturalWidth",
                visible("#share-thumb"))).intValue() == 256);
        shot("link-file");

        // Preview (the lightbox), then the download: the same bytes.
        click("#share-preview");
        wait.until(attributeToBe(By.id("preview-dialog"), "data-state", "ready"));
        assertEquals(640L, driver.executeScript("return document.getElementById('preview-image').naturalWidth"));
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(invisibilityOfElementLocated(By.id("preview-dialog")));
        click("#share-download");
        assertArrayEquals(photo, Files.readAllBytes(downloaded("photo.png", photo.length)), "downloaded bytes");

        // The one-download link: used once, then its page says so.
        driver.get(memoUrl);
        wait.until(textToBe(By.id("share-name"), "memo.txt"));
        click("#share-download");
        assertArrayEquals(memo, Files.readAllBytes(downloaded("memo.txt", memo.length)));
        driver.navigate().refresh();
        wait.until(attributeToBe(By.id("share-problem"), "data-reason", "used_up"));
        assertEquals("This link has been used up", text("#share-problem-title"));

        // The owner sees the downloads counted and the states; revokes the photo's link.
        use(owner);
        click("#refresh-links");
        wait.until(textToBe(By.cssSelector(row + " .downloads"), "1 / 5"));
        wait.until(attributeToBe(By.cssSelector(memoRow), "data-state", "used_up"));
        click(row + " .act-revoke");
        click("#confirm-ok");
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "revoked"));

        // ...which the guest's next visit shows, like an unknown link.
        use(guest);
        driver.get(url);
        wait.until(attributeToBe(By.id("share-problem"), "data-reason", "revoked"));
        shot("link-gone");
        driver.get(base + "s/" + "x".repeat(26));
        wait.until(attributeToBe(By.id("share-problem"), "data-reason", "unknown"));
        assertEquals("This link does not exist", text("#share-problem-title"));
        Invariants.assertHold();
    }

    @Test
    void aFolderLinkIsBrowsablePreviewableAndDownloadable() throws Exception {
        openAsNewUser("ivan");
        newFolder("Album");
        openFolder("Album");
        byte[] beach = png(400, 300, Color.ORANGE);
        String list = "sunscreen\ntowel\n";
        upload(write("beach.png", beach).toString() + "\n" + write("list.txt", list.getBytes(StandardCharsets.UTF_8)));
        waitTransfer("beach.png", "done", "stored");
        waitTransfer("list.txt", "done", "stored");
        newFolder("2026");
        openFolder("2026");
        byte[] deep = randomBytes(20_000);
        upload(write("deep.bin", deep).toString());
        waitTransfer("deep.bin", "done", "stored");
        click("#breadcrumbs li:first-child .crumb");
        visible(folderRow("Album"));

        click(folderRow("Album") + " .act-link");
        new Select(driver.findElement(By.id("link-expiry"))).selectByValue("");
        click("#link-create");
        String url = visible("#link-url").getDomProperty("value");
        driver.findElement(By.id("link-url")).sendKeys(Keys.ESCAPE);

        // No login: the folder, its thumbnails, a preview, a download, a subfolder and back.
        ChromeDriver owner = driver;
        ChromeDriver guest = openBrowser();
        driver.get(url);
        visible("#view-share");
        wait.until(textToBe(By.id("share-folder-name"), "Album"));
        String beachRow = "#share-list tr[data-name='beach.png']";
        WebElement thumb = visible(beachRow + " img.thumb");
        wait.until(d -> ((Number) driver.executeScript("return arguments[0].naturalWidth", thumb)).intValue() == 64);
        assertEquals(List.of("2026", "beach.png", "list.txt"), driver.findElements(By.cssSelector("#share-list tr"))
                .stream().map(tr -> tr.getDomAttribute("data-name")).toList(), "folders first");
        shot("link-folder");
        phoneShot("phone-link-folder");
        click("#share-list tr[data-name='list.txt'] .open-preview");
        wait.until(attributeToBe(By.id("preview-dialog"), "data-state", "ready"));
        assertEquals(list, visible("#preview-text").getDomProperty("textContent"));
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        wait.until(attributeToBe(By.id("preview-dialog"), "data-name", "beach.png"));
        wait.until(attributeToBe(By.id("preview-dialog"), "data-state", "ready"));
        click("#preview-close");
        click(beachRow + " .act-download");
        assertArrayEquals(beach, Files.readAllBytes(downloaded("beach.png", beach.length)));
        click("#share-list tr[data-name='2026'] .open-folder");
        wait.until(textToBe(By.cssSelector("#share-crumbs [aria-current='location']"), "2026"));
        click("#share-list tr[data-name='deep.bin'] .act-download");
        assertArrayEquals(deep, Files.readAllBytes(downloaded("deep.bin", deep.length)));
        click("#share-crumbs li:first-child .crumb");
        visible(beachRow);

        // The owner deletes the folder: the link's page says so, and so does My links.
        use(owner);
        click(folderRow("Album") + " .act-delete");
        click("#confirm-ok");
        wait.until(invisibilityOfElementLocated(By.cssSelector(folderRow("Album"))));
        nav("links");
        String row = "#links-list tr[data-url='" + url + "']";
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "node_deleted"));
        use(guest);
        driver.navigate().refresh();
        wait.until(attributeToBe(By.id("share-problem"), "data-reason", "node_deleted"));

        // Once past its expiry (set in the database: the API takes future expiries only), it is expired.
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(1, Db.update("UPDATE share_link SET expires_at = NOW() - INTERVAL 1 HOUR WHERE id = ?", id));
        driver.navigate().refresh();
        wait.until(attributeToBe(By.id("share-problem"), "data-reason", "expired"));
        assertEquals("This link has expired", text("#share-problem-title"));
        use(owner);
        click("#refresh-links");
        wait.until(attributeToBe(By.cssSelector(row), "data-state", "expired"));
        Invariants.assertHold();
    }
}
