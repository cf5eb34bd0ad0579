package it.dev.mall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import it.dev.mall.support.Commands;
import it.dev.mall.support.HeadlessChromium;
import it.dev.mall.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Liberty's Admin Center in a real headless Chromium: a Liberty administrator (server.xml's basicRegistry, not a shop
 * account) logs in at /adminCenter and sees the server's toolbox; a wrong password stays on the login page. Each test
 * keeps a screenshot under target/screenshots/: of the state it proves, or of where the browser was when it failed.
 */
class AdminCenterIT {

    /** Generous: Admin Center is a Dojo application that loads several hundred KB of script before drawing. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    /** The tools of the adminCenter-1.0 feature; the toolbox also holds a bookmark to openliberty.io. */
    private static final List<String> FEATURE_TOOLS = List.of("Explore", "Server Config");
    /** The shop's operator pages, which bin/mall adds to the administrator's toolbox (bin/lib/toolbox.sh). */
    private static final List<String> OPERATOR_BOOKMARKS = List.of("Shop API", "Metrics", "Traces");

    private ChromeDriver browser;
    /** The screenshot this test still owes; the test writes it at its point, @AfterEach if it never got there. */
    private String screenshot;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser == null) {
            return;
        }
        try {
            keepScreenshot();
        } finally {
            browser.quit();
        }
    }

    @Test
    void administratorLogsInAndSeesTheServersToolbox() {
        screenshot = "admin-center-toolbox.png";
        // What bin/mall run and start do once the server is ready, here for the test server; twice, as a second
        // start would (a bookmark that exists is left alone).
        for (int i = 0; i < 2; i++) {
            Commands.run(Duration.ofMinutes(1), TestServer.mallHome().resolve("bin/mall").toString(), "toolbox",
                    System.getProperty("mall.it.https.port", "9444"), System.getProperty("mall.it.port", "9081"));
        }

        logIn(adminUser(), adminPassword());

        // The toolbox is drawn by script after the page has loaded: wait for each tile's title and loaded icon.
        List<String> expected = new ArrayList<>(FEATURE_TOOLS);
        expected.addAll(OPERATOR_BOOKMARKS);
        List<String> tiles = waitFor("the toolbox to show the tools and bookmarks " + expected)
                .until(page -> {
                    List<String> shown = toolboxTilesShown();
                    return shown.containsAll(expected) ? shown : null;
                });
        assertThat(tiles).as("tiles of the toolbox").containsAll(expected);
        assertThat(tiles.stream().filter(OPERATOR_BOOKMARKS::contains)).as("each bookmark once")
                .hasSize(OPERATOR_BOOKMARKS.size());
        assertThat(browser.getCurrentUrl()).as("where the login led")
                .startsWith(TestServer.httpsBaseUri() + "/adminCenter")
                .doesNotContain("login.jsp");
        keepScreenshot();
    }

    @Test
    void wrongPasswordDoesNotGetIn() {
        screenshot = "admin-center-wrong-password.png";

        logIn(adminUser(), "not-the-password-" + UUID.randomUUID());

        waitFor("the login page to answer a wrong password with login.jsp?login-error")
                .until(urlContains("login.jsp?login-error"));
        String message = waitFor("the login page to show why the login failed")
                .until(page -> {
                    String text = page.findElement(By.id("login-footer")).getText();
                    return text.isBlank() ? null : text;
                });
        assertThat(message).as("login error message").containsIgnoringCase("password");
        keepScreenshot();

        // No session was established: Admin Center still asks for a login, and no toolbox is drawn.
        browser.get(TestServer.httpsBaseUri() + "/adminCenter/");
        waitFor("the login form again").until(elementToBeClickable(By.id("j_username")));
        assertThat(browser.getCurrentUrl()).as("Admin Center after a wrong password")
                .contains("/adminCenter/login.jsp");
        assertThat(browser.findElements(By.id("toolIconContainer"))).as("toolbox").isEmpty();
    }

    /** The form login of Admin Center (login.jsp, posting j_username and j_password to j_security_check). */
    private void logIn(String user, String password) {
        browser.get(TestServer.httpsBaseUri() + "/adminCenter");
        waitFor("the Admin Center login form").until(elementToBeClickable(By.id("j_username"))).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(password);
        browser.findElement(By.id("loginButton")).click();
    }

    private WebDriverWait waitFor(String what) {
        WebDriverWait wait = new WebDriverWait(browser, PAGE_TIMEOUT);
        wait.withMessage(what);
        // Admin Center's Dojo UI re-renders the toolbox while it loads: an element found a moment ago may be gone.
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void keepScreenshot() {
        if (screenshot == null) {
            return;
        }
        Path file = TestServer.mallHome().resolve("target/screenshots").resolve(screenshot);
        screenshot = null;
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Titles of the toolbox tiles whose icon has loaded (so the screenshot shows them), in toolbox order. */
    private List<String> toolboxTilesShown() {
        return browser.findElements(By.cssSelector("#toolIconContainer .mblIconItem")).stream()
                .filter(tile -> tile.findElements(By.cssSelector("img.mblImageIcon")).stream()
                        .anyMatch(this::loaded))
                .flatMap(tile -> tile.findElements(By.cssSelector(".mblIconAreaTitle")).stream())
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .toList();
    }

    private boolean loaded(WebElement image) {
        return Boolean.TRUE.equals(browser.executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", image));
    }

    private static String adminUser() {
        return env("MALL_LIBERTY_ADMIN_USER", "admin");
    }

    private static String adminPassword() {
        String password = env("MALL_LIBERTY_ADMIN_PASSWORD", "");
        if (password.isEmpty()) {
            throw new IllegalStateException("MALL_LIBERTY_ADMIN_PASSWORD is not set: run the ITs through "
                    + "bin/mall test, which exports it from var/secrets.env");
        }
        return password;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
