package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.console.support.ShopPipelineResource;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium driven by Selenium through Debian's chromedriver, nothing
 * downloaded): the example is released through the real pipeline while the list page is open; the release appears and
 * changes stage on the page without a reload, then its page shows the verdict table. Screenshots of both pages go to
 * {@code target/} and {@code docs/}.
 */
@QuarkusTest
@QuarkusTestResource(value = ShopPipelineResource.class, restrictToAnnotatedClass = true)
@EnabledIf(value = "chromiumInstalled", disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
        + "/usr/bin/chromedriver): apt-get install -y chromium chromium-driver (scripts/test.sh installs them)")
class ConsoleInBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000");
        // a Chromium that does not answer chromedriver within its minute (seen once under the full suite's load:
        // "chrome not reachable") is started again, up to three times; the page is what the test judges
        for (int attempt = 1; browser == null; attempt++) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            try {
                browser = new ChromeDriver(service, options);
            } catch (SessionNotCreatedException e) {
                service.stop();
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("[browser] Chromium did not start (attempt " + attempt + "): "
                        + e.getMessage().lines().limit(3).toList() + "; starting it again");
            }
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void theReleaseAppearsChangesStageLiveAndItsPageShowsTheVerdictTable() throws Exception {
        browser.get(base.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
        wait.until(b -> "live".equals(b.findElement(By.id("live")).getText()));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        ReleaseId id = release();

        Set<String> statesSeen = new LinkedHashSet<>();
        By row = By.cssSelector("tr[data-release-id='" + id.value() + "']");
        new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(100)).until(b -> {
            Object state = ((JavascriptExecutor) b).executeScript("const tr = document.querySelector(arguments[0]);"
                    + " return tr ? tr.cells[5].textContent : null;", "tr[data-release-id='" + id.value() + "']");
            if (state == null) {
                return false;
            }
            statesSeen.add(state.toString());
            return state.equals("PASSED") || state.equals("FAILED");
        });
        System.out.println("states the row showed: " + statesSeen);
        assertThat(statesSeen).as("the states the row showed, in order").last().isEqualTo("PASSED");
        assertThat(statesSeen).as("the row changed stage while the page was open").anyMatch(s -> s.startsWith("at "));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the page was not reloaded").isEqualTo(true);
        WebElement passedRow = browser.findElement(row);
        assertThat(passedRow.getText()).contains("shop", "1.0.0");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("1 release");
        screenshot("console-releases.png");

        passedRow.findElement(By.tagName("a")).click();
        wait.until(b -> "PASSED".equals(b.findElement(By.id("checks")).getAttribute("data-verdict")));
        assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("PASSED");
        List<WebElement> checkRows = browser.findElements(By.cssSelector("#checks tr"));
        assertThat(checkRows).hasSize(5); // the header and the example's four checks
        assertThat(checkRows.subList(1, 5)).allSatisfy(r -> assertThat(r.getText()).endsWith("pass"));
        assertThat(browser.findElement(By.id("checks")).getText()).contains("expected", "observed");
        assertThat(browser.findElements(By.cssSelector("#distribution tr"))).hasSizeGreaterThan(1);
        assertThat(browser.findElement(By.id("stages")).getText()).contains("web", "api", "SUCCEEDED", "ROLLED_OUT");
        assertThat(browser.findElement(By.id("timings")).getText()).contains("build", "distribute", "rollout", "verify", "total");
        screenshot("console-release.png");

        browser.get(base + "dora.html?window=1d");
        wait.until(b -> b.findElements(By.cssSelector("#dora tr")).size() == 3); // header, all releases, shop
        WebElement deployments = browser.findElements(By.cssSelector("#dora tr")).get(1).findElements(By.tagName("td")).get(1);
        assertThat(deployments.getText()).startsWith("1 (1.00 per day)");
        deployments.findElement(By.tagName("summary")).click();
        assertThat(deployments.findElement(By.tagName("a")).getText()).isEqualTo(id.value());
        screenshot("console-dora.png");
    }

    private ReleaseId release() {
        Path sourceRoot = ShopPipelineResource.repo().resolve("examples/shop");
        var plan = PlanFile.read(sourceRoot.resolve("slipway.yaml"), sourceRoot);
        KafkaClients clients = new KafkaClients(ShopPipelineResource.pipeline().bootstrapServers());
        try (EventPublisher publisher = new EventPublisher(clients, Topics.defaults(), Clock.systemUTC())) {
            return new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom()).publish(plan, Version.of("1.0.0"));
        }
    }

    /** Saves the whole page to target/ and copies it to docs/, where the README links it. */
    private void screenshot(String name) throws Exception {
        Long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.body.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1400, (int) Math.max(600, Math.min(height + 250, 3000))));
        Path file = Path.of("target", name);
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(Path.of("docs"));
        Files.copy(file, Path.of("docs", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
