package dev.actiongate.devops;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GitHub's hourly rate limit is shared by everyone who uses ActionGate: reads stop short of the
 * reserve kept for mutations, fan-outs are bounded, and each person's GitHub requests are counted.
 * GitHub is WireMock at the wire level; the clock is the test's, so resets can be crossed.
 */
class GithubBudgetTest {

    private static final String BASE = "/api/v3/repos/acme/web";
    private static final String SCOPES = "workflows:read workflows:trigger deployments:read analytics:read";
    /** Each test starts a day after the one before, so no test sees another's rate-limit window. */
    private static final Instant FIRST_DAY = Instant.parse("2032-03-01T10:00:00Z");

    private static final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.function", "api")
            .with("actiongate.github.token", "ghp_test_token_0123456789")
            .with("actiongate.github.api-url", () -> github.baseUrl() + "/api/v3")
            .with("actiongate.github.repositories", "acme/web")
            .with("actiongate.test.clock", "mutable");

    private static int day;

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();
    private final MutableClock clock = gate.server().context().getBean(MutableClock.class);
    private Instant now;
    private String token;

    @BeforeAll
    static void start() {
        github.start();
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @BeforeEach
    void nextDay() {
        github.resetAll();
        now = FIRST_DAY.plus(Duration.ofDays(day++));
        clock.set(now);
        token = idp.accessToken("person-" + UUID.randomUUID(), SCOPES, clock.instant());
    }

    @Test
    void underTheReserveOf500ReadsWaitForTheResetWhileMutationsGoAhead() {
        long reset = now.plusSeconds(1800).getEpochSecond();
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/workflows")).willReturn(rateLimit(okJson(WORKFLOWS), 500, reset)));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/runs")).willReturn(rateLimit(okJson(NO_RUNS), 499, reset)));
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/8/cancel")).willReturn(rateLimit(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{}"), 498, reset)));

        assertEquals(200, call("GET", "/api/workflows?repo=acme/web").status(), "500 left: not under the reserve");
        assertEquals(200, call("GET", "/api/runs?repo=acme/web").status());
        Transport.Answer refused = call("GET", "/api/runs/8?repo=acme/web");
        Transport.Answer cancelled = call("POST", "/api/runs/8/cancel?repo=acme/web");

        assertError(refused, 429, "github_budget_low", "down to the last 499, kept for starting, cancelling and re-running runs; "
                + "reading resumes at 10:30 UTC (in about 30 minutes).");
        assertEquals("1800", refused.header("retry-after"));
        github.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/actions/runs/8")));
        assertEquals(200, cancelled.status(), cancelled.body());
        github.verify(1, postRequestedFor(urlEqualTo(BASE + "/actions/runs/8/cancel")));

        clock.set(now.plusSeconds(1801));
        assertEquals(200, call("GET", "/api/runs?repo=acme/web").status(), "after the reset GitHub is asked again");
    }

    @Test
    void theReserveIsNeverMoreThanHalfOfTheHoursLimit() {
        long reset = now.plusSeconds(1800).getEpochSecond();
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/runs")).willReturn(rateLimit(okJson(NO_RUNS), 600, 301, reset)));

        assertEquals(200, call("GET", "/api/runs?repo=acme/web").status());
        assertEquals(200, call("GET", "/api/runs?repo=acme/web").status(), "301 of 600 left: 300 are kept");
        github.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/actions/runs")));
    }

    @Test
    void thePrimaryRateLimitIs429WithRetryAfterUntilTheReset() {
        long reset = now.plusSeconds(120).getEpochSecond();
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/7")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset)).withBody("{\"message\": \"API rate limit exceeded\"}")));

        Transport.Answer answer = call("GET", "/api/runs/7?repo=acme/web");

        assertError(answer, 429, "github_rate_limited", "rate limit");
        long retryAfter = Long.parseLong(answer.header("retry-after"));
        assertTrue(retryAfter > 100 && retryAfter <= 121, "Retry-After " + retryAfter);

        Transport.Answer again = call("GET", "/api/runs/7?repo=acme/web");
        assertError(again, 429, "github_budget_low", "used up this hour's GitHub requests");
        assertEquals("120", again.header("retry-after"));
        github.verify(1, getRequestedFor(urlEqualTo(BASE + "/actions/runs/7")));
    }

    @Test
    void listDeploymentsLooksUpTheLatestStatusOfAtMostTen() {
        github.stubFor(get(urlPathEqualTo(BASE + "/deployments")).willReturn(okJson(deployments(20))));
        github.stubFor(get(urlPathMatching(BASE + "/deployments/[0-9]+/statuses")).willReturn(okJson(SUCCESS)));

        Map<String, Object> answer = call("GET", "/api/deployments?repo=acme/web&limit=20").ok();

        List<?> listed = (List<?>) answer.get("deployments");
        assertEquals(20, listed.size());
        assertEquals(10, listed.stream().filter(item -> ((Map<?, ?>) item).get("latest") != null).count());
        assertNull(((Map<?, ?>) listed.get(10)).get("latest"), "the newest ten are the ones looked up");
        assertTrue(((String) answer.get("note")).contains("first 10 of these 20 deployments"), answer.toString());
        github.verify(10, getRequestedFor(urlPathMatching(BASE + "/deployments/[0-9]+/statuses")));
    }

    @Test
    void listDeploymentsLooksUpNoStatusOnceGithubsRemainingIsUnderTheReserve() {
        github.stubFor(get(urlPathEqualTo(BASE + "/deployments"))
                .willReturn(rateLimit(okJson(deployments(2)), 499, now.plusSeconds(600).getEpochSecond())));
        github.stubFor(get(urlPathMatching(BASE + "/deployments/[0-9]+/statuses")).willReturn(okJson(SUCCESS)));

        Map<String, Object> answer = call("GET", "/api/deployments?repo=acme/web&limit=2").ok();

        assertEquals(2, ((List<?>) answer.get("deployments")).size());
        assertTrue(((String) answer.get("note")).contains("shown for 0 of these 2 deployments"), answer.toString());
        github.verify(0, getRequestedFor(urlPathMatching(BASE + "/deployments/[0-9]+/statuses")));
    }

    @Test
    void aTriggerGithubAnswersWith204LooksForItsRunFiveTimesAtMostEvenFromTheReserve() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches"))
                .willReturn(rateLimit(aResponse().withStatus(204), 100, now.plusSeconds(600).getEpochSecond())));
        github.stubFor(get(urlEqualTo("/api/v3/user")).willReturn(okJson("{\"login\": \"deploy-bot\"}")));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/workflows/deploy.yml/runs")).willReturn(okJson(NO_RUNS)));

        Transport.Answer answer = call("POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}");

        assertEquals(202, answer.status(), answer.body());
        assertTrue(((String) ChatGptAndBrowser.json(answer).get("message")).contains("has not shown the run yet"));
        github.verify(5, getRequestedFor(urlPathEqualTo(BASE + "/actions/workflows/deploy.yml/runs")));
        assertTrue(github.getAllServeEvents().size() <= 7, "dispatch, who the token is, five looks: " + github.getAllServeEvents().size());
    }

    @Test
    void eachPersonsGithubRequestsAreCountedInTheirUsageOverHttpAndThroughTheLambdaHandler() throws InterruptedException {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/5")).willReturn(okJson(RUN)));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/runs/5/jobs")).willReturn(okJson("{\"total_count\": 0, \"jobs\": []}")));
        github.stubFor(get(urlPathEqualTo(BASE + "/deployments")).willReturn(okJson(deployments(2))));
        github.stubFor(get(urlPathMatching(BASE + "/deployments/[0-9]+/statuses")).willReturn(okJson(SUCCESS)));

        try (LambdaTransport lambda = new LambdaTransport(gates.settings())) {
            lambda.context().getBean(MutableClock.class).set(clock.instant());
            for (Transport transport : List.of(gate, lambda)) {
                String person = "counted-" + UUID.randomUUID();
                token = idp.accessToken(person, SCOPES, clock.instant());
                assertEquals(200, call(transport, "GET", "/api/runs/5?repo=acme/web", null).status(), "2 GitHub requests");
                assertEquals(200, call(transport, "GET", "/api/deployments?repo=acme/web", null).status(), "1 + 2 GitHub requests");
                assertEquals(403, call(transport, "GET", "/api/runs?repo=acme/other", null).status(), "none: refused before GitHub");

                Map<?, ?> today = todaysUsage(transport);
                assertEquals(5L, today.get("githubRequests"), transport.getClass().getSimpleName() + ": " + today);
            }
        }
    }

    // --- helpers

    private static final String WORKFLOWS = "{\"total_count\": 0, \"workflows\": []}";
    private static final String NO_RUNS = "{\"total_count\": 0, \"workflow_runs\": []}";
    private static final String SUCCESS = "[{\"state\": \"success\", \"created_at\": \"2026-11-24T10:05:00Z\"}]";
    private static final String RUN = """
            {"id": 5, "name": "Deploy", "workflow_id": 1, "head_branch": "main", "event": "push", "status": "completed",
             "conclusion": "success", "run_number": 1, "run_attempt": 1, "created_at": "2026-11-24T10:00:00Z"}""";

    private static ResponseDefinitionBuilder rateLimit(ResponseDefinitionBuilder response, long remaining, long reset) {
        return rateLimit(response, 5000, remaining, reset);
    }

    private static ResponseDefinitionBuilder rateLimit(ResponseDefinitionBuilder response, long limit, long remaining, long reset) {
        return response.withHeader("x-ratelimit-limit", Long.toString(limit)).withHeader("x-ratelimit-remaining", Long.toString(remaining))
                .withHeader("x-ratelimit-reset", Long.toString(reset)).withHeader("x-ratelimit-resource", "core");
    }

    private static String deployments(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"id\": " + (100 - i) + ", \"ref\": \"main\", \"environment\": \"production\", "
                + "\"created_at\": \"2026-11-24T10:00:00Z\"}").collect(Collectors.joining(",", "[", "]"));
    }

    /** Outcomes are written off the caller's path: ask until they are there. */
    private Map<?, ?> todaysUsage(Transport transport) throws InterruptedException {
        Map<?, ?> group = Map.of();
        for (int attempt = 0; attempt < 50 && group.get("githubRequests") == null; attempt++) {
            Thread.sleep(100);
            Map<String, Object> report = call(transport, "GET", "/api/usage?groupBy=day", null).ok();
            List<?> groups = (List<?>) report.get("groups");
            assertFalse(groups.isEmpty(), report.toString());
            group = (Map<?, ?>) groups.getLast();
        }
        assertNotNull(group.get("calls"));
        return group;
    }

    private Transport.Answer call(String method, String path) {
        return call(gate, method, path, null);
    }

    private Transport.Answer call(String method, String path, String body) {
        return call(gate, method, path, body);
    }

    private Transport.Answer call(Transport transport, String method, String path, String body) {
        Map<String, String> headers = Map.of("authorization", "Bearer " + token, "content-type", "application/json");
        return method.equals("GET") ? transport.get(path, headers) : transport.post(path, headers, body == null ? "" : body);
    }


    private static void assertError(Transport.Answer answer, int status, String error, String sentencePart) {
        answer.assertError(status, error, sentencePart);
    }
}
