package org.clouddisk.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * What the browser tests share: headless Chromium (one per test, and more on demand: {@link #openBrowser()} starts a
 * second session with a profile of its own, e.g. someone without an account), and the steps and helpers of the
 * page. Screenshots go to target/screenshots/; with -Dit.docs.screenshots=true those the README shows are also copied
 * to docs/screenshots/.
 */
abstract class BrowserSession extends Deployments {

    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static final String PASSWORD = "correct horse 1";
    protected static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    protected static final Path SHOTS = BASEDIR.resolve("target/screenshots");
    private static final List<String> DOC_SHOTS = List.of("login", "folder", "public", "phone-folder", "trash", "admin",
            "preview-image", "my-links", "link-unlock", "link-file", "link-folder", "transfers", "transfers-uploading",
            "transfers-paused");

    protected final String base = "http://127.0.0.1:" + System.getProperty("it.http.port") + "/";
    /** The session the steps act in. */
    protected ChromeDriver driver;
    protected WebDriverWait wait;
    protected Path downloads;
    protected Path temp;
    private final List<ChromeDriver> sessions = new ArrayList<>();

    @BeforeEach
    void startBrowser() throws IOException {
        temp = Files.createTempDirectory("browser-it");
        Files.createDirectories(SHOTS);
        openBrowser();
    }

    /**
     * Starts another browser with a fresh profile (no login, no storage) and its own download folder, and makes it the
     * session the steps act in; {@link #use} goes back to an earlier one.
     */
    protected ChromeDriver openBrowser() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("session-" + sessions.size()));
        Path sessionDownloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,800", "--user-data-dir=" + dir.resolve("profile"));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", sessionDownloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriver session = new ChromeDriver(service, options);
        sessions.add(session);
        use(session);
        return session;
    }

    /** Makes `session` (one of {@link #openBrowser}'s) the one the steps act in. */
    protected void use(ChromeDriver session) {
        int index = sessions.indexOf(session);
        assertTrue(index >= 0, "a session of this test");
        driver = session;
        wait = new WebDriverWait(session, WAIT);
        downloads = temp.resolve("session-" + index).resolve("downloads");
    }

    @AfterEach
    void stopBrowser() throws IOException {
        for (ChromeDriver session : sessions) {
            // The page's console, in the test's output, to tell what went wrong in a failed run.
            session.manage().logs().get(LogType.BROWSER).forEach(entry -> System.out.println("browser: " + entry));
            session.quit();
        }
        sessions.clear();
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---------------------------------------------------------------- steps and helpers

    /** Fills the registration form (already open) with valid values and submits it. */
    protected void fillRegistration(String user) {
        type("#reg-user", user);
        type("#reg-nick", user + " nick");
        type("#reg-password", PASSWORD);
        type("#reg-password2", PASSWORD);
        type("#reg-phone", "+86 138-0000-0000");
        type("#reg-email", user + "@example.com");
        click("#reg-submit");
        visible("#login-panel");
        wait.until(textToBePresentInElementLocated(By.id("status"), "Registration complete"));
        assertEquals(user, driver.findElement(By.id("login-user")).getDomProperty("value"));
    }

    protected void register(String user) {
        if (!driver.findElement(By.id("register-panel")).isDisplayed()) {
            click("#show-register");
        }
        fillRegistration(user);
    }

    /** Opens the page, registers a new user and logs in; answers the user's name. */
    protected String openAsNewUser(String prefix) {
        driver.get(base);
        String user = uniqueName(prefix);
        click("#show-register");
        register(user);
        logIn(user, PASSWORD, true);
        return user;
    }

    protected void logIn(String user, String password, boolean succeeds) {
        type("#login-user", user);
        type("#login-password", password);
        click("#login-submit");
        if (succeeds) {
            wait.until(textToBe(By.id("current-user"), user));
            visible("#view-myfiles");
            wait.until(invisibilityOfElementLocated(By.id("myfiles-loading")));
        } else {
            wait.until(textToBePresentInElementLocated(By.id("login-error"), "wrong password"));
        }
    }

    protected void logOut() {
        click("#logout");
        visible("#login-panel");
    }

    /** Opens a view from the nav and waits until its list is loaded. */
    protected void nav(String view) {
        click("#nav-" + view);
        wait.until(invisibilityOfElementLocated(By.id(view + "-loading")));
    }

    protected void newFolder(String name) {
        click("#new-folder");
        visible("#file-list input.name-input").sendKeys(Keys.chord(Keys.CONTROL, "a"), name, Keys.ENTER);
        visible(folderRow(name));
    }

    protected void openFolder(String name) {
        click(folderRow(name) + " .open-folder");
        wait.until(textToBe(By.id("folder-name"), name));
        wait.until(invisibilityOfElementLocated(By.id("myfiles-loading")));
    }

    protected void upload(String paths) {
        driver.findElement(By.id("upload-input")).sendKeys(paths);
    }

    protected WebElement waitTransfer(String name, String state, String outcome) {
        By row = By.cssSelector("#transfer-list li[data-kind='upload'][data-name='" + name + "']");
        wait.until(attributeToBe(row, "data-state", state));
        wait.until(attributeToBe(row, "data-outcome", outcome));
        return driver.findElement(row);
    }

    /** Waits for a finished download in the download folder. */
    protected Path downloaded(String name, long size) {
        Path file = downloads.resolve(name);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                return Files.isRegularFile(file) && Files.size(file) == size
                        && !Files.exists(downloads.resolve(name + ".crdownload"));
            } catch (IOException e) {
                return false;
            }
        });
        return file;
    }

    /** The page at phone width (375 px): no horizontal scrolling, and a screenshot. */
    protected void phoneShot(String name) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        try {
            wait.until(d -> Long.valueOf(375).equals(driver.executeScript("return window.innerWidth")));
            Object overflow = driver.executeScript("return document.documentElement.scrollWidth");
            assertTrue(((Number) overflow).intValue() <= 375, "no horizontal scrolling at 375 px: " + overflow);
            shot(name);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    protected static String myRow(String name) {
        return "#file-list tr[data-filename='" + name + "']";
    }

    protected static String folderRow(String name) {
        return "#file-list tr[data-kind='folder'][data-name='" + name + "']";
    }

    protected WebElement visible(String css) {
        return wait.until(visibilityOfElementLocated(By.cssSelector(css)));
    }

    protected void click(String css) {
        // A list re-renders when an upload finishes: the element found a moment ago may be replaced before the click.
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement e = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (e != null) {
                e.click();
            }
            return e != null;
        });
    }

    protected void type(String css, String text) {
        WebElement e = visible(css);
        e.clear();
        e.sendKeys(text);
    }

    protected String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    protected String token() {
        return (String) driver.executeScript("return localStorage.getItem('token')");
    }

    protected void shot(String name) throws IOException {
        shot(name, driver);
    }

    protected void shot(String name, TakesScreenshot what) throws IOException {
        Path png = SHOTS.resolve(name + ".png");
        Files.write(png, what.getScreenshotAs(OutputType.BYTES));
        if (Boolean.getBoolean("it.docs.screenshots") && DOC_SHOTS.contains(name)) {
            Path docs = Files.createDirectories(BASEDIR.resolve("docs/screenshots"));
            Files.copy(png, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    protected Path write(String name, byte[] content) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("up-" + uniqueName("d")));
        return Files.write(dir.resolve(name), content);
    }

    protected static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random().nextBytes(b);
        return b;
    }

    protected static String md5Hex(String text) {
        return md5(text.getBytes(StandardCharsets.UTF_8));
    }
}
