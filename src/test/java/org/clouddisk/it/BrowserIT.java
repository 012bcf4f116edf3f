package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.account.AccountInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

/**
 * The browser client (src/main/webapp) end to end: headless Chromium through the real page against the deployed WAR
 * (accounts, uploads, sharing, folders, trash, administration; previews and share links have classes of their own).
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class BrowserIT extends BrowserSession {

    private static final String EXPIRED = "Your session expired, please log in again";

    @Test
    void uploadShareSaveDownloadUnshareDeleteThroughThePage() throws Exception {
        driver.get(base);
        visible("#login-panel");
        shot("login");

        // First user: inline validation, then a real registration and log in.
        String alice = uniqueName("alice");
        click("#show-register");
        visible("#register-panel");
        showsInlineValidation();
        shot("register");
        fillRegistration(alice);
        logIn(alice, "wrong password", false);
        logIn(alice, PASSWORD, true);

        // Upload two real files through the file input (the first large enough for an instant upload later).
        byte[] content = randomBytes(1_500_000);
        String md5 = md5(content);
        String name = "project-plan.pdf";
        Path plan = write(name, content);
        Path notes = write("notes.txt", "Things to take along.\n".getBytes(StandardCharsets.UTF_8));
        upload(plan.toString() + "\n" + notes);
        waitTransfer(name, "done", "stored");
        String detail = waitTransfer("notes.txt", "done", "stored").findElement(By.className("transfer-detail")).getText();
        assertTrue(!detail.matches("(?s).*\\d\\.\\d{3,}.*"), "sizes and speeds are rounded: " + detail);
        WebElement row = visible(myRow(name));
        assertEquals(md5, row.getDomAttribute("data-md5"), "the md5 the page computed");
        assertEquals(md5, client.myFiles(new CloudDiskClient.User(alice, token()), "normal").stream()
                .filter(f -> f.getString("filename").equals(name)).findFirst().orElseThrow().getString("md5"));
        visible(myRow("notes.txt"));
        shot("myfiles");

        // Second user: the same content is an instant upload, the page proving it has the bytes (HMAC of the
        // server's random ranges); the page never offers the MD5 alone (/md5).
        logOut();
        String bob = uniqueName("bob");
        register(bob);
        logIn(bob, PASSWORD, true);
        assertTrue(driver.findElements(By.cssSelector("#transfer-list li")).isEmpty(), "no transfers of the last user");
        upload(plan.toString());
        WebElement transfer = waitTransfer(name, "instant", "instant");
        assertEquals(md5, transfer.getDomAttribute("data-md5"));
        assertTrue(transfer.findElement(By.className("transfer-detail")).getText().contains("proved"),
                transfer.getText());
        JsonObject added = new DriveClient(client).node(new CloudDiskClient.User(bob, token()),
                transfer.getDomAttribute("data-node"));
        assertEquals(md5, added.getString("md5"));
        assertEquals(content.length, added.getJsonNumber("size").longValue());
        visible(myRow(name));
        shot("transfers", visible("#transfers"));
        shot("myfiles-after-instant");

        // The first user shares it: public list and ranking.
        logOut();
        logIn(alice, PASSWORD, true);
        click(myRow(name) + " .act-share");
        wait.until(attributeToBe(By.cssSelector(myRow(name)), "data-shared", "1"));
        visible(myRow(name) + " .badge-shared");
        nav("public");
        String publicRow = "#public-list tr[data-filename='" + name + "'][data-md5='" + md5 + "'][data-user='" + alice + "']";
        visible(publicRow);
        shot("public");
        nav("ranking");
        findRanked(name, md5);
        shot("ranking");

        // A third user saves it from the public list, then downloads it: the bytes and the public count.
        logOut();
        String carol = uniqueName("carol");
        register(carol);
        logIn(carol, PASSWORD, true);
        nav("public");
        click(publicRow + " .act-save");
        wait.until(textToBePresentInElementLocated(By.id("status"), "was saved to your files"));
        click(publicRow + " .act-download");
        assertArrayEquals(content, Files.readAllBytes(downloaded(name, content.length)), "downloaded bytes");
        wait.until(textToBe(By.cssSelector(publicRow + " .pv"), "1"));
        assertEquals(1, publicItem(md5, name).getInt("pv"), "the download was counted");
        nav("ranking");
        wait.until(textToBe(By.cssSelector(findRanked(name, md5) + " .pv"), "1"));
        nav("myfiles");
        visible(myRow(name));
        assertEquals(md5, driver.findElement(By.cssSelector(myRow(name))).getDomAttribute("data-md5"));
        phoneShot("phone-myfiles");

        // The sharer cancels the share, then deletes the file through the confirm dialog.
        logOut();
        logIn(alice, PASSWORD, true);
        click(myRow(name) + " .act-cancel-share");
        wait.until(attributeToBe(By.cssSelector(myRow(name)), "data-shared", "0"));
        nav("public");
        assertTrue(driver.findElements(By.cssSelector(publicRow)).isEmpty(), "no longer public");
        nav("myfiles");
        click(myRow(name) + " .act-delete");
        visible("#confirm-dialog");
        assertTrue(text("#confirm-message").contains(name), text("#confirm-message"));
        click("#confirm-cancel");
        wait.until(textToBePresentInElementLocated(By.id("status"), "was not deleted"));
        click(myRow(name) + " .act-delete");
        click("#confirm-ok");
        wait.until(invisibilityOfElementLocated(By.cssSelector(myRow(name))));
        wait.until(textToBePresentInElementLocated(By.id("status"), "was moved to the trash"));
        visible(myRow("notes.txt"));
        Invariants.assertHold();
    }

    @Test
    void foldersThroughThePage() throws Exception {
        String erin = openAsNewUser("erin");

        // Folders created in place; a file uploaded into the folder on screen.
        newFolder("Reports");
        newFolder("Archive");
        openFolder("Reports");
        wait.until(textToBe(By.cssSelector("#breadcrumbs [aria-current='location']"), "Reports"));
        visible("#myfiles-empty");
        byte[] content = randomBytes(200_000);
        upload(write("budget.xlsx", content).toString());
        waitTransfer("budget.xlsx", "done", "stored");
        visible(myRow("budget.xlsx"));
        downloadsStreamToDisk(erin, "budget.xlsx", content);

        // A folder from the desktop keeps its structure.
        Path folder = Files.createDirectories(temp.resolve(uniqueName("d")).resolve("album"));
        Files.write(Files.createDirectories(folder.resolve("2026")).resolve("beach.jpg"), randomBytes(5_000));
        Files.write(folder.resolve("list.txt"), "one\n".getBytes(StandardCharsets.UTF_8));
        driver.findElement(By.id("upload-folder-input")).sendKeys(folder.toString());
        waitTransfer("beach.jpg", "done", "stored");
        waitTransfer("list.txt", "done", "stored");
        openFolder("album");
        visible(myRow("list.txt"));
        openFolder("2026");
        visible(myRow("beach.jpg"));
        assertEquals(List.of("My files", "Reports", "album", "2026"),
                driver.findElements(By.cssSelector("#breadcrumbs .crumb")).stream().map(WebElement::getText).toList());
        click("#breadcrumbs li:nth-child(2) .crumb");
        visible(folderRow("album"));
        shot("folder");

        // "Move to…": up to My files in the folder picker, into Archive.
        click(myRow("budget.xlsx") + " .act-move");
        visible("#move-dialog");
        click("#move-crumbs li:first-child .crumb");
        click("#move-folders .picker-folder[data-name='Archive']");
        wait.until(textToBe(By.cssSelector("#move-crumbs [aria-current='location']"), "Archive"));
        click("#move-ok");
        wait.until(textToBePresentInElementLocated(By.id("status"), "Moved “budget.xlsx” to “Archive”"));
        wait.until(invisibilityOfElementLocated(By.cssSelector(myRow("budget.xlsx"))));

        // Selected, then dragged onto a breadcrumb: up to My files.
        click(folderRow("album") + " .select");
        wait.until(textToBe(By.id("selection-count"), "1 selected"));
        dragOnto(folderRow("album"), "#breadcrumbs li:first-child .crumb");
        wait.until(textToBePresentInElementLocated(By.id("status"), "Moved “album” to “My files”"));
        wait.until(invisibilityOfElementLocated(By.cssSelector(folderRow("album"))));
        assertTrue(driver.findElement(By.id("selection-bar")).getDomAttribute("hidden") != null, "nothing selected");

        // Renamed in place: Escape cancels, Enter saves.
        click("#breadcrumbs li:first-child .crumb");
        visible(folderRow("album"));
        openFolder("Archive");
        click(myRow("budget.xlsx") + " .act-rename");
        visible(myRow("budget.xlsx") + " input.name-input").sendKeys(Keys.ESCAPE);
        visible(myRow("budget.xlsx") + " .file-name");
        click(myRow("budget.xlsx") + " .act-rename");
        visible(myRow("budget.xlsx") + " input.name-input")
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), "budget 2027.xlsx", Keys.ENTER);
        visible(myRow("budget 2027.xlsx"));
        wait.until(textToBePresentInElementLocated(By.id("status"), "was renamed to “budget 2027.xlsx”"));
        click(myRow("budget 2027.xlsx") + " .act-props");
        wait.until(textToBe(By.cssSelector("#props-list dd[data-prop='location']"), "My files / Archive"));
        click("#props-close");
        phoneShot("phone-folder");

        // Search: the hit opens its folder, on the file.
        type("#search-input", "BUDGET");
        driver.findElement(By.id("search-input")).sendKeys(Keys.ENTER);
        visible("#view-search");
        String hit = "#search-list tr[data-name='budget 2027.xlsx']";
        wait.until(textToBe(By.cssSelector(hit + " .origin"), "My files / Archive"));
        shot("search");
        click(hit + " .act-open-folder");
        wait.until(textToBe(By.id("folder-name"), "Archive"));
        wait.until(d -> driver.findElement(By.cssSelector(myRow("budget 2027.xlsx") + " .select"))
                .equals(driver.switchTo().activeElement()));

        // Deleted to the trash (a folder with its subtree), restored to where it was, purged, the trash emptied.
        trash(myRow("budget 2027.xlsx"));
        click("#breadcrumbs li:first-child .crumb");
        click(folderRow("album") + " .select");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE); // clears the selection
        wait.until(invisibilityOfElementLocated(By.id("selection-bar")));
        click(folderRow("album") + " .select");
        click(folderRow("Reports") + " .select");
        wait.until(textToBe(By.id("selection-count"), "2 selected"));
        click("#bulk-delete");
        click("#confirm-ok");
        wait.until(textToBePresentInElementLocated(By.id("status"), "2 items were moved to the trash"));
        wait.until(invisibilityOfElementLocated(By.cssSelector(folderRow("album"))));
        nav("trash");
        String trashed = "#trash-list tr[data-name='budget 2027.xlsx']";
        wait.until(textToBe(By.cssSelector(trashed + " .origin"), "My files / Archive"));
        String album = "#trash-list tr[data-name='album']";
        wait.until(textToBe(By.cssSelector(album + " .origin"), "My files"));
        shot("trash");
        click(album + " .act-restore");
        wait.until(textToBePresentInElementLocated(By.id("status"), "“album” was restored"));
        wait.until(invisibilityOfElementLocated(By.cssSelector(album)));
        click(trashed + " .act-purge");
        click("#confirm-ok");
        wait.until(textToBePresentInElementLocated(By.id("status"), "was deleted for good"));
        wait.until(invisibilityOfElementLocated(By.cssSelector(trashed)));
        click("#empty-trash");
        click("#confirm-ok");
        visible("#trash-empty");
        wait.until(textToBe(By.id("quota-text"), "4.89 KB used"));
        nav("myfiles");
        visible(folderRow("album"));

        // The administrator gives the user a quota: the user's bar shows it.
        logOut();
        String admin = "itadmin"; // CLOUDDISK_ADMINS of the test server; registered by whichever test needs it first
        assertTrue(List.of("002", "003").contains(client.code("/reg", json("userName", admin, "nickName", admin,
                "password", md5Hex(admin), "phone", "", "email", ""))));
        logIn(admin, admin, true);
        nav("admin");
        type("#admin-q", erin);
        driver.findElement(By.id("admin-q")).sendKeys(Keys.ENTER);
        String user = "#admin-list tr[data-user='" + erin + "']";
        // the search's answer, not the unfiltered first page (which may list the user too, and whose rows the
        // search's render replaces, typed limit and all)
        wait.until(d -> d.findElements(By.cssSelector("#admin-list tr")).size() == 1);
        visible(user);
        type(user + " .limit-input", "1 MB");
        click(user + " .act-set-limit");
        wait.until(attributeToBe(By.cssSelector(user), "data-limit", "1048576"));
        shot("admin");
        logOut();
        logIn(erin, PASSWORD, true);
        wait.until(textToBe(By.id("quota-text"), "4.89 KB of 1.00 MB used"));
        assertTrue(driver.findElements(By.cssSelector("#nav-admin:not([hidden])")).isEmpty(), "no admin view");
        shot("myfiles-quota");
        Invariants.assertHold();
    }

    @Test
    void anExpiredTokenBringsBackTheLoginScreen() throws Exception {
        String dave = openAsNewUser("dave");
        visible("#myfiles-empty");

        // Expired on the server: the next action (refresh) leads to the login screen.
        try (RedisClient redis = RedisClient.create("127.0.0.1", TestEnvironment.redis().port())) {
            assertEquals(1, redis.del("clouddisk:token:" + sha256(token())));
        }
        // a node trusts a token Redis confirmed for a few seconds (its cache of verified tokens): a key deleted behind
        // its back, unlike a revocation or a natural expiry, is seen once that time has passed
        Thread.sleep(AccountInfrastructure.TOKEN_REFRESH.toMillis() + 500);
        click("#refresh-myfiles");
        expectSessionExpired();

        // A bogus token in localStorage: an upload leads to the login screen, nothing is stored.
        logIn(dave, PASSWORD, true);
        driver.executeScript("localStorage.setItem('token', arguments[0])", "bogus-" + uniqueName("t"));
        upload(write("late.txt", "too late".getBytes(StandardCharsets.UTF_8)).toString());
        expectSessionExpired();
        assertEquals(0, client.myCount(client.login(dave, md5Hex(PASSWORD))));
    }

    // ---------------------------------------------------------------- steps

    private void showsInlineValidation() {
        type("#reg-user", "no spaces allowed");
        click("#reg-nick"); // leaving the field validates it
        wait.until(textToBePresentInElementLocated(By.id("reg-user-error"), "no spaces"));
        assertEquals("true", driver.findElement(By.id("reg-user")).getDomAttribute("aria-invalid"));
        type("#reg-password", PASSWORD);
        type("#reg-password2", PASSWORD + "x");
        click("#reg-nick");
        wait.until(textToBe(By.id("reg-password2-error"), "The two passwords are not the same."));
        click("#reg-submit");
        wait.until(textToBe(By.id("reg-error"), "Please correct the highlighted fields."));
        assertTrue(driver.findElement(By.id("register-panel")).isDisplayed(), "nothing was sent");
    }

    /** The ranking row of the file, paging forward when other tests shared more files. */
    private String findRanked(String name, String md5) {
        String css = rankingRow(name, md5);
        while (driver.findElements(By.cssSelector(css)).isEmpty()) {
            assertTrue(driver.findElement(By.id("ranking-pager")).isDisplayed()
                    && driver.findElement(By.id("ranking-next")).isEnabled(), name + " is not in the ranking");
            click("#ranking-next");
            wait.until(invisibilityOfElementLocated(By.id("ranking-loading")));
        }
        visible(css);
        return css;
    }

    /**
     * The owner's download goes through the service worker straight to the download folder: the page makes no Blob
     * of the file (counted by wrapping URL.createObjectURL), the bytes on disk are exact, the transfer row says it
     * streams, and the server counted exactly one download.
     */
    private void downloadsStreamToDisk(String owner, String name, byte[] content) throws IOException {
        driver.executeScript("""
                const size = arguments[0];
                const create = URL.createObjectURL;
                window.fileBlobs = 0;
                URL.createObjectURL = (object) => {
                    if (object instanceof Blob && object.size === size) window.fileBlobs++;
                    return create(object);
                };
                """, content.length);
        click(myRow(name) + " .act-download");
        assertArrayEquals(content, Files.readAllBytes(downloaded(name, content.length)), "downloaded bytes");
        wait.until(textToBe(By.cssSelector(myRow(name) + " .pv"), "1"));
        By row = By.cssSelector("#transfer-list li[data-kind='download'][data-name='" + name + "']");
        wait.until(textToBePresentInElementLocated(row, "streaming to disk"));
        assertEquals(0L, driver.executeScript("return window.fileBlobs"), "no Blob of the file in the page");
        assertTrue(driver.findElements(By.cssSelector("iframe.download-frame")).stream()
                .noneMatch(f -> f.getDomAttribute("src").contains(token())), "no token in the frame's address");
        assertEquals(1, Db.number("select pv from user_file_list where user = ? and file_name = ?", owner, name),
                "the download was counted once");
    }

    /** Deletes the row's node through the confirm dialog: it goes to the trash. */
    private void trash(String rowCss) {
        click(rowCss + " .act-delete");
        click("#confirm-ok");
        wait.until(textToBePresentInElementLocated(By.id("status"), "moved to the trash"));
        wait.until(invisibilityOfElementLocated(By.cssSelector(rowCss)));
    }

    /**
     * Drags the row onto the target as the page sees a drag: WebDriver's actions cannot drive HTML5 drag and drop,
     * so the events are dispatched with one DataTransfer, as the browser does.
     */
    private void dragOnto(String rowCss, String targetCss) {
        driver.executeScript("""
                const [row, target] = arguments;
                const data = new DataTransfer();
                const fire = (el, type) => el.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
                fire(row, 'dragstart');
                fire(target, 'dragover');
                fire(target, 'drop');
                fire(row, 'dragend');
                """, visible(rowCss), visible(targetCss));
    }

    private void expectSessionExpired() {
        visible("#login-panel");
        wait.until(textToBe(By.id("login-error"), EXPIRED));
        assertEquals(EXPIRED, text("#status"));
        assertTrue(driver.findElement(By.id("app-view")).getDomAttribute("hidden") != null, "the app is hidden");
        assertEquals(null, driver.executeScript("return localStorage.getItem('token')"), "the session was cleared");
    }

    // ---------------------------------------------------------------- helpers

    private static String rankingRow(String name, String md5) {
        return "#ranking-list li[data-filename='" + name + "'][data-md5='" + md5 + "']";
    }

    private JsonObject publicItem(String md5, String name) {
        return client.post("/sharefiles?cmd=normal", json("start", 0, "count", 100)).getJsonArray("file")
                .getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("md5").equals(md5) && f.getString("filename").equals(name))
                .findFirst().orElseThrow();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
