package dev.actiongate.admin;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.local.EmbeddedIdentityProvider;
import dev.actiongate.store.UsageStore;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.usage.UsageMeter;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin page in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver, against the local server with its embedded provider (as {@code ./mvnw -Plocal} runs it, on
 * free ports). An admin signs in at the provider's page, sees the chart and the audit row of a call this test
 * made, filters the trail, and signs out; a person without {@code admin} sees the 403 page. Screenshots go to
 * {@code target/admin-page.png} and {@code target/admin-page-phone.png}. Where Chromium is missing the test
 * installs it with apt-get when it can, and otherwise skips saying why, unless
 * {@code ACTIONGATE_BROWSER_TESTS=required} (as in CI), when that is a failure.
 */
class AdminPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PERSON = "browser-cancel@example.com";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());
    private static MockOAuth2Server provider;
    private static HttpTransport gate;
    private static String root;

    private final List<ChromeDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        browserInstalled();
        github.start();
        github.stubFor(post(urlEqualTo("/api/v3/repos/acme/web/actions/runs/4242/cancel"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")));
        provider = EmbeddedIdentityProvider.start(0);
        Map<String, Object> settings = new LinkedHashMap<>(TestIdentityProvider.bridgeSettings(
                provider.issuerUrl(EmbeddedIdentityProvider.ISSUER_ID).toString(), EmbeddedIdentityProvider.AUDIENCE));
        settings.put("actiongate.github.token", "ghp_browser_test");
        settings.put("actiongate.github.api-url", github.baseUrl() + "/api/v3");
        settings.put("actiongate.github.repositories", "acme/web");
        // As application-local.properties: DynamoDB Local in this JVM is slower than the table on AWS.
        settings.put("actiongate.usage.call-timeout", "2s");
        gate = new HttpTransport(settings);
        // Loopback by address: Chromium takes http://127.0.0.1 as a secure context and keeps its Secure cookies.
        root = "http://127.0.0.1:" + gate.server().uri("/").getPort();
        aMonthOfCalls(gate.server().context().getBean(UsageStore.class));
    }

    /** Earlier days' calls, written through the store port as metering writes them, so the chart and tables have a month to show. */
    private static void aMonthOfCalls(UsageStore store) {
        List<String> people = List.of("ana@example.com", "bo@example.com", "chen@example.com", "dee@example.com");
        List<String> operations = List.of("listRuns", "getRun", "getRunLogs", "triggerWorkflow", "listWorkflows", "getMe");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant keep = Instant.now().plus(Duration.ofDays(1));
        for (int back = 29; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            int calls = 2 + (back * 7 + 3) % 11 + (day.getDayOfWeek().getValue() <= 5 ? 6 : 0);
            for (int i = 0; i < calls; i++) {
                store.count(people.get((i + back) % people.size()), day, operations.get((i * 5 + back) % operations.size()), i % 4 == 0 ? "mcp" : "gpt",
                        null, keep);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (gate != null) {
            gate.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
        github.stop();
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        drivers.forEach(ChromeDriver::quit);
        for (Path profile : profiles) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anAdminSignsInSeesTheChartAndTheirCallFiltersTheTrailAndSignsOut() throws IOException {
        String token = provider.issueToken(EmbeddedIdentityProvider.ISSUER_ID, PERSON, EmbeddedIdentityProvider.AUDIENCE,
                Map.of("email", PERSON, "scope", "workflows:trigger"), 3600).serialize();
        assertEquals(200, gate.post("/api/runs/4242/cancel?repo=acme/web", Map.of("authorization", "Bearer " + token), "").status());
        assertEquals(401, gate.get("/api/me", Map.of("authorization", "Bearer expired-or-forged")).status());
        gate.server().context().getBean(UsageMeter.class).awaitBackgroundWrites();
        ChromeDriver browser = browser();
        browser.manage().window().setSize(new Dimension(1280, 1700));

        browser.get(root + "/admin");
        signInAtTheProvider(browser, "admin@example.com", null);

        new WebDriverWait(browser, WAIT).until(page -> page.getTitle().equals("ActionGate admin"));
        assertTrue(browser.getCurrentUrl().startsWith(root + "/admin"), browser.getCurrentUrl());
        WebElement chart = browser.findElement(By.id("calls-chart"));
        assertTrue(chart.isDisplayed() && chart.getSize().getWidth() > 300, "the chart is drawn: " + chart.getSize());
        assertEquals(30, chart.findElements(By.tagName("rect")).size());
        assertTrue(rows(browser).stream().anyMatch(row -> row.contains(PERSON) && row.contains("cancelRun") && row.contains("run 4242")),
                rows(browser).toString());
        Cookie session = browser.manage().getCookieNamed(AdminCookies.SESSION);
        assertNotNull(session, "Chromium kept the Secure session cookie of http://127.0.0.1");
        assertTrue(session.isSecure() && session.isHttpOnly() && "Lax".equals(session.getSameSite()), session.toString());
        screenshot(browser, "target/admin-page.png");

        browser.findElement(By.name("person")).sendKeys(PERSON);
        new Select(browser.findElement(By.name("operation"))).selectByVisibleText("cancelRun");
        browser.findElement(By.cssSelector("form.filters button")).click();
        new WebDriverWait(browser, WAIT).until(page -> page.getCurrentUrl().contains("person="));
        List<String> filtered = rows(browser);
        assertTrue(!filtered.isEmpty() && filtered.stream().allMatch(row -> row.contains(PERSON) && row.contains("cancelRun")), filtered.toString());
        assertEquals(PERSON, browser.findElement(By.name("person")).getDomAttribute("value"), "the filter stays in its field");

        browser.manage().window().setSize(new Dimension(390, 844));
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "on a phone's width the page scrolls only inside its tables, by " + overflow + " px");
        screenshot(browser, "target/admin-page-phone.png");

        browser.findElement(By.cssSelector("form[action='/admin/sign-out'] button")).click();
        new WebDriverWait(browser, WAIT).until(page -> page.getTitle().equals("ActionGate admin: Signed out"));
        assertNull(browser.manage().getCookieNamed(AdminCookies.SESSION), "the session cookie is gone");
        browser.get(root + "/admin");
        new WebDriverWait(browser, WAIT).until(page -> page.findElements(By.name("username")).size() == 1);
    }

    @Test
    void aPersonWithoutAdminSeesThe403Page() {
        ChromeDriver browser = browser();

        browser.get(root + "/admin");
        signInAtTheProvider(browser, "reader@example.com", "{\"scope\": \"analytics:read\"}");

        new WebDriverWait(browser, WAIT).until(page -> page.getTitle().equals("ActionGate admin: not for this sign-in"));
        String text = browser.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("This page is for admins") && text.contains("reader@example.com")
                && text.contains("Ask whoever runs your identity provider to grant you admin"), text);
        assertTrue(browser.findElements(By.id("calls-chart")).isEmpty());
    }

    private void signInAtTheProvider(ChromeDriver browser, String person, String claims) {
        new WebDriverWait(browser, WAIT).until(page -> page.findElements(By.name("username")).size() == 1);
        assertTrue(browser.getCurrentUrl().startsWith(provider.issuerUrl(EmbeddedIdentityProvider.ISSUER_ID) + "/authorize?"),
                browser.getCurrentUrl());
        browser.findElement(By.name("username")).sendKeys(person);
        if (claims != null) {
            browser.findElement(By.name("claims")).sendKeys(claims);
        }
        browser.findElement(By.cssSelector("input[type=submit]")).click();
    }

    private static List<String> rows(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#audit-events tbody tr")).stream().map(WebElement::getText).toList();
    }

    private static void screenshot(ChromeDriver browser, String path) throws IOException {
        Path file = Path.of(path);
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A fresh Chromium with its own profile; the flags keep it off the network this machine closes. */
    private ChromeDriver browser() {
        Path profile;
        try {
            profile = Files.createTempDirectory("actiongate-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        drivers.add(driver);
        return driver;
    }

    /** Chromium and chromedriver are there, or installed now when this machine lets us; else the test is skipped, saying why. */
    private static void browserInstalled() throws InterruptedException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String problem = "Debian's chromium and chromium-driver are needed for this test (apt-get install chromium chromium-driver)";
        try {
            Process install = new ProcessBuilder("apt-get", "install", "-y", "-q", "chromium", "chromium-driver").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!install.waitFor(10, TimeUnit.MINUTES)) {
                install.destroyForcibly();
                problem += "; apt-get took longer than 10 minutes";
            } else if (install.exitValue() != 0) {
                problem += "; apt-get install failed with " + install.exitValue();
            }
        } catch (IOException e) {
            problem += "; apt-get cannot run here: " + e.getMessage();
        }
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if ("required".equals(System.getenv("ACTIONGATE_BROWSER_TESTS"))) {
            throw new AssertionError("ACTIONGATE_BROWSER_TESTS=required, but " + problem);
        }
        Assumptions.abort(problem);
    }
}
