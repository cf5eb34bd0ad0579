package it.dev.mall.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests: the machine's own browser and chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}), never one that Selenium Manager would download — this machine reaches
 * no browser CDN. A test that finds neither binary is skipped, saying how to install them — except under
 * {@code CI=true}, where it fails; {@code bin/mall test} installs them itself when it runs as root with apt-get.
 *
 * <p>Paths: system property {@code mall.it.chromium} / {@code webdriver.chrome.driver} if set, else the first of the
 * usual names on {@code PATH}.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A new browser with its own empty profile; the caller quits it. Skips the test if Chromium is not installed (fails it under CI=true). */
    public static ChromeDriver start() {
        Optional<Path> browser = executable("mall.it.chromium", "chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("webdriver.chrome.driver", "chromedriver");
        if (browser.isEmpty() || driver.isEmpty()) {
            String missing = "Chromium or chromedriver not found (browser: " + browser.map(Path::toString).orElse("none")
                    + ", driver: " + driver.map(Path::toString).orElse("none") + "): install them with "
                    + "'apt-get install -y chromium chromium-driver' (bin/mall test does so as root), or point "
                    + "-Dmall.it.chromium and -Dwebdriver.chrome.driver at them";
            // On CI a skipped browser test would leave the build green with the Admin Center untested.
            if (ContinuousIntegration.active()) {
                throw new IllegalStateException("CI=true: " + missing);
            }
            assumeTrue(false, missing);
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        // Root in a container: no user namespaces for the sandbox, and a small /dev/shm. English, because tests read
        // labels that the page localises.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,900", "--lang=en-US", "--ignore-certificate-errors");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        // Liberty's certificate is self-signed, generated at the server's first start.
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chromium = new ChromeDriver(service, options);
        chromium.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(1));
        return chromium;
    }

    private static Optional<Path> executable(String property, String... names) {
        String configured = System.getProperty(property, "");
        if (!configured.isEmpty()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String[] path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator);
        return Stream.of(names)
                .flatMap(name -> Stream.of(path).filter(directory -> !directory.isEmpty())
                        .map(directory -> Path.of(directory, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
