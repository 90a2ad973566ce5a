package dev.actiongate.devops;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LocalDynamoDb;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every DevOps operation against GitHub-shaped answers from WireMock, through the real declarative
 * client, with GitHub Enterprise's /api/v3 base path.
 */
class GithubOperationsTest {

    private static final String BASE = "/api/v3/repos/acme/web";
    private static final String GITHUB_TOKEN = "ghp_test_token_0123456789";
    private static final String ALL_SCOPES = "workflows:read workflows:trigger deployments:read logs:read";

    private static final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.function", "api")
            .with("actiongate.github.token", GITHUB_TOKEN)
            .with("actiongate.github.api-url", () -> github.baseUrl() + "/api/v3")
            .with("actiongate.github.repositories", "acme/web,acme/api")
            .with("actiongate.github.workflows", "deploy.yml,acme/web:release.yml")
            .with("actiongate.github.log-max-characters", "20000")
            .with("actiongate.github.refs", "main,release/*")
            .with("actiongate.github.log-download-timeout", "3s")
            .with("micronaut.http.services.github.read-timeout", "1s")
            // The audit records are read back from DynamoDB Local, which a loaded machine can make slower than 300 ms.
            .with("actiongate.usage.call-timeout", "2s");

    private static DynamoDbClient dynamoDb;

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();

    private String person;
    private String token;

    @BeforeAll
    static void start() {
        github.start();
        dynamoDb = LocalDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        github.stop();
        dynamoDb.close();
    }

    @BeforeEach
    void newPerson() {
        github.resetAll();
        person = "person-" + UUID.randomUUID();
        token = idp.accessToken(person, ALL_SCOPES);
    }

    // --- workflows

    @Test
    void listWorkflowsSendsGithubsHeadersAndPagesTheList() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/workflows?per_page=50&page=2")).willReturn(okJson("""
                {"total_count": 120, "workflows": [
                  {"id": 161335, "node_id": "MDg6V29ya2Zsb3cxNjEzMzU=", "name": "Deploy", "path": ".github/workflows/deploy.yml",
                   "state": "active", "created_at": "2020-01-08T23:48:37.000-08:00", "html_url": "https://github.com/acme/web/blob/main/.github/workflows/deploy.yml"}
                ]}""")));

        Map<String, Object> answer = call("GET", "/api/workflows?repo=acme/web&page=2", null).ok();

        assertEquals(List.of(Map.of("id", 161335L, "name", "Deploy", "file", "deploy.yml", "state", "active",
                "url", "https://github.com/acme/web/blob/main/.github/workflows/deploy.yml")), answer.get("workflows"));
        assertEquals(true, answer.get("hasMore"));
        github.verify(getRequestedFor(urlPathEqualTo(BASE + "/actions/workflows"))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("Authorization", equalTo("Bearer " + GITHUB_TOKEN)));
    }

    @Test
    void triggerWorkflowReturnsTheRunGithubStartedAndAuditsIt() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches"))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"inputs\":{\"environment\":\"staging\"},\"return_run_details\":true}"))
                .willReturn(okJson("""
                        {"workflow_run_id": 22452, "run_url": "https://api.github.com/repos/acme/web/actions/runs/22452",
                         "html_url": "https://github.com/acme/web/actions/runs/22452"}""")));

        Transport.Answer answer = call("POST", "/api/workflows/deploy.yml/dispatches",
                "{\"repo\":\"acme/web\",\"ref\":\"main\",\"inputs\":{\"environment\":\"staging\"}}");

        Map<String, Object> run = answer.ok();
        assertEquals(22452L, run.get("runId"));
        assertEquals("https://github.com/acme/web/actions/runs/22452", run.get("url"));
        Map<String, AttributeValue> record = onlyAuditRecord();
        assertEquals(Map.of("subject", person, "email", person + "@example.com", "operation", "triggerWorkflow",
                        "repository", "acme/web", "target", "deploy.yml", "status", "200", "result", "run 22452 started"),
                fields(record, "subject", "email", "operation", "repository", "target", "status", "result"));
        // The ref is kept apart from the workflow's inputs (so an input named "ref" is recorded as given), with the run started.
        assertEquals("{\"environment\":\"staging\"}", record.get("inputs").s());
        assertEquals(Map.of("ref", "main", "startedRun", "22452"), fields(record, "ref", "startedRun"));
        assertTrue(Instant.parse(record.get("at").s()).isAfter(Instant.now().minusSeconds(60)));
        assertTrue(Long.parseLong(record.get(TableLayout.TIME_TO_LIVE).n()) > Instant.now().plusSeconds(300 * 86400).getEpochSecond());
    }

    @Test
    void whenGithubAnswers204TheStartedRunIsFoundByWorkflowRefActorAndTime() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches")).willReturn(aResponse().withStatus(204)));
        github.stubFor(get(urlEqualTo("/api/v3/user")).willReturn(okJson("{\"login\": \"deploy-bot\", \"id\": 7}")));
        String recent = Instant.now().plusSeconds(1).toString();
        String older = Instant.now().minusSeconds(3600).toString();
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/workflows/deploy.yml/runs")).inScenario("run appears")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("visible")
                .willReturn(okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/workflows/deploy.yml/runs")).inScenario("run appears")
                .whenScenarioStateIs("visible")
                .willReturn(okJson("{\"total_count\": 3, \"workflow_runs\": ["
                        + run(900, "main", "workflow_dispatch", older, "deploy-bot") + ","
                        + run(901, "main", "workflow_dispatch", recent, "someone-else") + ","
                        + run(902, "main", "workflow_dispatch", recent, "deploy-bot") + "]}")));

        Map<String, Object> answer = call("POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}").ok();

        assertEquals(902L, answer.get("runId"));
        github.verify(getRequestedFor(urlPathEqualTo(BASE + "/actions/workflows/deploy.yml/runs"))
                .withQueryParam("branch", equalTo("main")).withQueryParam("event", equalTo("workflow_dispatch")));
    }

    @Test
    void aWorkflowWithoutWorkflowDispatchIsA400WithGithubsReason() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Workflow does not have 'workflow_dispatch' trigger\", \"documentation_url\": \"https://docs.github.com/rest\"}")));

        Transport.Answer answer = call("POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}");

        assertError(answer, 400, "github_rejected", "Workflow does not have 'workflow_dispatch' trigger");
        assertEquals(Map.of("status", "400", "result", "github_rejected"), fields(onlyAuditRecord(), "status", "result"),
                "the failure is audited with the answer the person got");
    }

    // --- runs

    @Test
    void listRunsFiltersByWorkflowBranchAndStatus() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/workflows/deploy.yml/runs?branch=main&status=failure&per_page=5&page=1"))
                .willReturn(okJson("{\"total_count\": 12, \"workflow_runs\": [" + run(30433642, "main", "push", "2026-11-24T10:00:00Z", "octocat") + "]}")));

        Map<String, Object> answer = call("GET", "/api/runs?repo=acme/web&workflow=deploy.yml&branch=main&status=failure&limit=5", null).ok();

        Map<?, ?> first = (Map<?, ?>) ((List<?>) answer.get("runs")).getFirst();
        assertEquals(List.of(30433642L, "main", "completed", "failure", "octocat"),
                List.of(first.get("id"), first.get("branch"), first.get("status"), first.get("conclusion"), first.get("actor")));
        assertEquals(List.of(true, 12L), List.of(answer.get("hasMore"), answer.get("totalCount")));
    }

    @Test
    void listRunsRefusesALimitBeyondItsBound() {
        assertError(call("GET", "/api/runs?repo=acme/web&limit=500", null), 400, "limit_invalid", "between 1 and 30");
        assertEquals(0, github.getAllServeEvents().size());
    }

    @Test
    void getRunShowsJobsWithStepsAndDurationsForWhatFailed() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/30433642")).willReturn(okJson(run(30433642, "main", "push", "2026-11-24T10:00:00Z", "octocat"))));
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/30433642/jobs?filter=latest&per_page=50&page=1")).willReturn(okJson("""
                {"total_count": 2, "jobs": [
                  {"id": 1, "run_id": 30433642, "name": "build", "status": "completed", "conclusion": "success",
                   "started_at": "2026-11-24T10:00:05Z", "completed_at": "2026-11-24T10:02:05Z", "html_url": "https://github.com/acme/web/actions/runs/30433642/job/1",
                   "steps": [{"name": "Set up job", "status": "completed", "conclusion": "success", "number": 1,
                              "started_at": "2026-11-24T10:00:05Z", "completed_at": "2026-11-24T10:00:07Z"}]},
                  {"id": 2, "run_id": 30433642, "name": "test", "status": "completed", "conclusion": "failure",
                   "started_at": "2026-11-24T10:02:10Z", "completed_at": "2026-11-24T10:05:40Z",
                   "steps": [{"name": "Set up job", "status": "completed", "conclusion": "success", "number": 1,
                              "started_at": "2026-11-24T10:02:10Z", "completed_at": "2026-11-24T10:02:12Z"},
                             {"name": "Run tests", "status": "completed", "conclusion": "failure", "number": 2,
                              "started_at": "2026-11-24T10:02:12Z", "completed_at": "2026-11-24T10:05:40Z"}]}
                ]}""")));

        Map<String, Object> answer = call("GET", "/api/runs/30433642?repo=acme/web", null).ok();

        List<?> jobs = (List<?>) answer.get("jobs");
        Map<?, ?> build = (Map<?, ?>) jobs.get(0);
        Map<?, ?> test = (Map<?, ?>) jobs.get(1);
        assertEquals(List.of("success", 120L, 1L), List.of(build.get("conclusion"), build.get("seconds"), build.get("stepCount")));
        assertNull(build.get("steps"), "a job that succeeded is not itemised");
        assertEquals(List.of(Map.of("number", 1L, "name", "Set up job", "status", "completed", "conclusion", "success", "seconds", 2L),
                Map.of("number", 2L, "name", "Run tests", "status", "completed", "conclusion", "failure", "seconds", 208L)), test.get("steps"));
        assertEquals(List.of(), auditRecords(), "reading leaves no audit record");
    }

    @Test
    void cancelRunAsksGithubAndAuditsOnce() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/42/cancel")).willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")));

        Map<String, Object> answer = call("POST", "/api/runs/42/cancel?repo=acme/web", null).ok();

        assertEquals("cancel", answer.get("action"));
        assertEquals(Map.of("operation", "cancelRun", "target", "42", "status", "200", "result", "cancel requested"),
                fields(onlyAuditRecord(), "operation", "target", "status", "result"));
    }

    @Test
    void cancellingAFinishedRunIsAConflictWithGithubsReason() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/42/cancel")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Cannot cancel a workflow run that is completed.\"}")));

        assertError(call("POST", "/api/runs/42/cancel?repo=acme/web", null), 409, "github_conflict", "Cannot cancel a workflow run that is completed.");
        assertEquals(Map.of("status", "409", "result", "github_conflict"), fields(onlyAuditRecord(), "status", "result"));
    }

    @Test
    void rerunRunCanRestartOnlyTheFailedJobs() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/42/rerun-failed-jobs")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));

        Map<String, Object> answer = call("POST", "/api/runs/42/rerun?repo=acme/web&failedJobsOnly=true", null).ok();

        assertEquals("rerun failed jobs", answer.get("action"));
        github.verify(postRequestedFor(urlEqualTo(BASE + "/actions/runs/42/rerun-failed-jobs")));
        assertEquals(Map.of("operation", "rerunRun", "inputs", "{\"failedJobsOnly\":\"true\"}"), fields(onlyAuditRecord(), "operation", "inputs"));
    }

    // --- deployments

    @Test
    void listDeploymentsGivesEachItsLatestStatus() {
        github.stubFor(get(urlEqualTo(BASE + "/deployments?environment=production&per_page=2&page=1")).willReturn(okJson("""
                [{"id": 11, "sha": "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "ref": "main", "task": "deploy", "environment": "production",
                  "description": "Deploy request", "creator": {"login": "octocat"}, "created_at": "2026-11-24T10:00:00Z", "updated_at": "2026-11-24T10:00:00Z"},
                 {"id": 10, "sha": "b84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "ref": "v1.2.0", "environment": "production",
                  "creator": {"login": "hubot"}, "created_at": "2026-11-23T10:00:00Z"}]""")
                .withHeader("Link", "<" + github.baseUrl() + BASE + "/deployments?per_page=2&page=2>; rel=\"next\", <" + github.baseUrl() + BASE + "/deployments?per_page=2&page=5>; rel=\"last\"")));
        github.stubFor(get(urlEqualTo(BASE + "/deployments/11/statuses?per_page=1")).willReturn(okJson("""
                [{"id": 1, "state": "success", "description": "Deployment finished successfully.", "environment_url": "https://web.acme.example",
                  "log_url": "https://github.com/acme/web/actions/runs/1", "created_at": "2026-11-24T10:05:00Z"}]""")));
        github.stubFor(get(urlEqualTo(BASE + "/deployments/10/statuses?per_page=1")).willReturn(okJson("[]")));

        Map<String, Object> answer = call("GET", "/api/deployments?repo=acme/web&environment=production&limit=2", null).ok();

        List<?> deployments = (List<?>) answer.get("deployments");
        Map<?, ?> latest = (Map<?, ?>) ((Map<?, ?>) deployments.get(0)).get("latest");
        assertEquals(List.of("success", "https://web.acme.example"), List.of(latest.get("state"), latest.get("environmentUrl")));
        assertEquals("a84d88e7554f", ((Map<?, ?>) deployments.get(0)).get("sha"));
        assertNull(((Map<?, ?>) deployments.get(1)).get("latest"));
        assertEquals(true, answer.get("hasMore"));
    }

    // --- logs

    @Test
    void getRunLogsFollowsTheRedirectWithoutTheTokenAndStripsColours() {
        stubJobs();
        github.stubFor(get(urlEqualTo(BASE + "/actions/jobs/2/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/blob/job-2.txt?sig=abc")));
        github.stubFor(get(urlEqualTo("/blob/job-2.txt?sig=abc")).willReturn(aResponse().withStatus(200)
                .withBody("2026-11-24T10:02:12Z \u001B[36;1mnpm test\u001B[0m\r\n2026-11-24T10:05:39Z \u001B[31mFAIL\u001B[0m src/app.test.js\r\n")));

        Map<String, Object> answer = call("GET", "/api/runs/30433642/logs?repo=acme/web", null).ok();

        assertEquals(List.of("test", "failure", 2L), List.of(answer.get("job"), answer.get("jobConclusion"), answer.get("jobId")));
        assertEquals("2026-11-24T10:02:12Z npm test\n2026-11-24T10:05:39Z FAIL src/app.test.js", answer.get("text"));
        assertEquals(List.of(1L, 2L, 2L, false), List.of(answer.get("fromLine"), answer.get("toLine"), answer.get("totalLines"), answer.get("truncated")));
        assertNull(answer.get("nextCursor"));
        github.verify(getRequestedFor(urlPathEqualTo("/blob/job-2.txt")).withHeader("Authorization", absent()));
    }

    @Test
    void aFiveMegabyteLogIsCutToTheLimitWithACursorToReadFurtherBack() {
        stubJobs();
        String log = IntStream.rangeClosed(1, 50_000).mapToObj(i -> String.format("%06d %s", i, "x".repeat(93)))
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(log.length() >= 5_000_000);
        github.stubFor(get(urlEqualTo(BASE + "/actions/jobs/1/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/blob/job-1.txt")));
        github.stubFor(get(urlEqualTo("/blob/job-1.txt")).willReturn(aResponse().withStatus(200).withBody(log)));

        Transport.Answer first = call("GET", "/api/runs/30433642/logs?repo=acme/web&job=build&tail=5000", null);
        Map<String, Object> page = first.ok();

        String text = (String) page.get("text");
        assertTrue(text.length() <= 20_000, "text within the limit: " + text.length());
        assertTrue(first.body().length() < 25_000, "whole answer far below ChatGPT's limit: " + first.body().length());
        assertEquals(true, page.get("truncated"));
        assertTrue(text.endsWith("050000 " + "x".repeat(93)));
        int from = ((Long) page.get("fromLine")).intValue();
        assertTrue(text.startsWith(String.format("%06d ", from)), "cut at a line boundary");
        assertEquals(Integer.toString(from - 1), page.get("nextCursor"));

        Map<String, Object> before = (call("GET", "/api/runs/30433642/logs?repo=acme/web&job=build&tail=3&cursor=" + page.get("nextCursor"), null)).ok();
        assertEquals(String.format("%06d %s%n%06d %s%n%06d %s", from - 3, "x".repeat(93), from - 2, "x".repeat(93), from - 1, "x".repeat(93))
                .replace("\r\n", "\n"), before.get("text"));
        assertEquals(Integer.toString(from - 4), before.get("nextCursor"));
    }

    @Test
    void aLogLongerThanActionGateKeepsIsReadFromItsEndWithTheLogsOwnLineNumbers() {
        stubJobs();
        String log = IntStream.rangeClosed(1, 50_000).mapToObj(i -> String.format("%06d %s", i, "x".repeat(93)))
                .collect(Collectors.joining("\n", "", "\n"));
        github.stubFor(get(urlEqualTo(BASE + "/actions/jobs/1/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/blob/job-1.txt")));
        github.stubFor(get(urlEqualTo("/blob/job-1.txt")).willReturn(aResponse().withStatus(200).withBody(log)));

        Map<String, Object> end = call("GET", "/api/runs/30433642/logs?repo=acme/web&job=build&tail=2", null).ok();
        Transport.Answer tooFarBack = call("GET", "/api/runs/30433642/logs?repo=acme/web&job=build&cursor=100", null);
        Map<String, Object> start = call("GET", "/api/runs/30433642/logs?repo=acme/web&job=build&tail=5&cursor=29240", null).ok();

        // 101 bytes a line; the last 2 MB (2,097,152 bytes) hold lines 29,238 to 50,000 whole.
        assertEquals(List.of(49_999L, 50_000L, 50_000L, 29_238L), List.of(end.get("fromLine"), end.get("toLine"), end.get("totalLines"),
                end.get("firstReadableLine")));
        assertTrue(((String) end.get("text")).startsWith("049999 "), "numbered as in the whole log");
        assertError(tooFarBack, 400, "cursor_out_of_range", "longer than ActionGate reads (its last 2 MB, from line 29238)");
        assertEquals(List.of(29_238L, 29_240L), List.of(start.get("fromLine"), start.get("toLine")));
        assertTrue(((String) start.get("text")).startsWith("029238 " + "x".repeat(93) + "\n029239 "));
        assertNull(start.get("nextCursor"), "nothing before the first line kept");
    }

    @Test
    void aLogAddressThatIsNotHttpsIsRefusedAndNotFetched() {
        stubJobs();
        github.stubFor(get(urlEqualTo(BASE + "/actions/jobs/2/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + github.port() + "/blob/job-2.txt")));
        github.stubFor(get(urlEqualTo("/blob/job-2.txt")).willReturn(aResponse().withStatus(200).withBody("a log")));

        assertError(call("GET", "/api/runs/30433642/logs?repo=acme/web", null), 502, "github_unavailable", "not HTTPS");
        github.verify(0, getRequestedFor(urlEqualTo("/blob/job-2.txt")));
    }

    @Test
    void aLogDownloadThatTricklesPastItsDeadlineIs504() {
        stubJobs();
        github.stubFor(get(urlEqualTo(BASE + "/actions/jobs/2/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/blob/slow.txt")));
        github.stubFor(get(urlEqualTo("/blob/slow.txt")).willReturn(aResponse().withStatus(200).withBody("line\n".repeat(2_000))
                .withChunkedDribbleDelay(20, 10_000)));

        long started = System.nanoTime();
        Transport.Answer answer = call("GET", "/api/runs/30433642/logs?repo=acme/web", null);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        assertError(answer, 504, "github_timeout", "took too long");
        assertTrue(seconds < 7, "answered at the 3 s deadline, not when the body ended at 10 s: " + seconds + " s");
    }

    @Test
    void aConversationTriggerFollowAndReadTheFailingLogStaysFarBelowChatGptsLimit() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches")).willReturn(okJson(
                "{\"workflow_run_id\": 30433642, \"run_url\": \"https://api.github.com/repos/acme/web/actions/runs/30433642\", "
                        + "\"html_url\": \"https://github.com/acme/web/actions/runs/30433642\"}")));
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/30433642")).willReturn(okJson(run(30433642, "main", "workflow_dispatch", "2026-11-24T10:00:00Z", "octocat"))));
        String steps = IntStream.rangeClosed(1, 12).mapToObj(i -> "{\"name\": \"Step " + i + "\", \"status\": \"completed\", \"conclusion\": \""
                + (i == 9 ? "failure" : i > 9 ? "skipped" : "success") + "\", \"number\": " + i
                + ", \"started_at\": \"2026-11-24T10:0" + (i % 10) + ":00Z\", \"completed_at\": \"2026-11-24T10:0" + (i % 10) + ":30Z\"}")
                .collect(Collectors.joining(","));
        String jobs = IntStream.rangeClosed(1, 8).mapToObj(i -> "{\"id\": " + i + ", \"name\": \"job-" + i + "\", \"status\": \"completed\", "
                + "\"conclusion\": \"" + (i == 5 ? "failure" : "success") + "\", \"started_at\": \"2026-11-24T10:00:00Z\", "
                + "\"completed_at\": \"2026-11-24T10:09:00Z\", \"html_url\": \"https://github.com/acme/web/actions/runs/30433642/job/" + i
                + "\", \"steps\": [" + steps + "]}").collect(Collectors.joining(","));
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/30433642/jobs?filter=latest&per_page=50&page=1"))
                .willReturn(okJson("{\"total_count\": 8, \"jobs\": [" + jobs + "]}")));
        github.stubFor(get(urlEqualTo(BASE + "/actions/jobs/5/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/blob/job-5.txt")));
        String log = IntStream.rangeClosed(1, 3_000).mapToObj(i -> "2026-11-24T10:0" + (i % 10) + ":00.0000000Z \u001B[32m[test]\u001B[0m "
                + (i == 2_990 ? "FAIL checkout.spec.ts > pays with a saved card: expected 200, got 502" : "ok " + i + " - a passing test case"))
                .collect(Collectors.joining("\n"));
        github.stubFor(get(urlEqualTo("/blob/job-5.txt")).willReturn(aResponse().withStatus(200).withBody(log)));

        Transport.Answer trigger = call("POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\",\"inputs\":{\"environment\":\"staging\"}}");
        Transport.Answer follow = call("GET", "/api/runs/30433642?repo=acme/web", null);
        Transport.Answer logs = call("GET", "/api/runs/30433642/logs?repo=acme/web", null);

        assertEquals(List.of(200, 200, 200), List.of(trigger.status(), follow.status(), logs.status()));
        assertTrue(((String) ChatGptAndBrowser.json(logs).get("text")).contains("FAIL checkout.spec.ts"));
        System.out.printf("conversation sizes: trigger %d, getRun %d, getRunLogs %d characters; GitHub sent %d for the jobs and %d for the log%n",
                trigger.body().length(), follow.body().length(), logs.body().length(), jobs.length() + 40, log.length());
        for (Transport.Answer answer : List.of(trigger, follow, logs)) {
            assertTrue(answer.body().length() < 25_000, "far below ChatGPT's 100,000: " + answer.body().length());
        }
    }

    // --- what GitHub's failures become

    @Test
    void anUnknownRunIs404() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/7")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));

        assertError(call("GET", "/api/runs/7?repo=acme/web", null), 404, "not_found", "run 7 in acme/web");
    }

    @Test
    void aRevokedTokenIs502SayingAnAdminMustReplaceIt() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/7")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));

        assertError(call("GET", "/api/runs/7?repo=acme/web", null), 502, "github_token_refused", "actiongate.github.token");
    }

    @Test
    void aTokenWithoutThePermissionIs502NamingIt() {
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/7/cancel")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-ratelimit-remaining", "4999")
                .withBody("{\"message\": \"Resource not accessible by personal access token\"}")));

        assertError(call("POST", "/api/runs/7/cancel?repo=acme/web", null), 502, "github_permission_missing", "\"Actions: Read and write\"");
    }

    @Test
    void aSecondaryRateLimitIs429WithGithubsRetryAfter() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/7")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("retry-after", "30")
                .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}")));

        Transport.Answer answer = call("GET", "/api/runs/7?repo=acme/web", null);

        assertError(answer, 429, "github_rate_limited", "rate limit");
        assertEquals("30", answer.header("retry-after"));
    }

    @Test
    void aGithubOutageIs502() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/7")).willReturn(aResponse().withStatus(503).withBody("<html>Unicorn</html>")));

        assertError(call("GET", "/api/runs/7?repo=acme/web", null), 502, "github_unavailable", "GitHub is having problems");
    }

    @Test
    void aGithubThatDoesNotAnswerIs504() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/7")).willReturn(okJson("{}").withFixedDelay(3_000)));

        assertError(call("GET", "/api/runs/7?repo=acme/web", null), 504, "github_timeout", "did not answer in time");
    }

    // --- allowlists: refused before GitHub is called

    @Test
    void aRepositoryOutsideTheAllowlistIs403AndGithubIsNotCalled() {
        assertError(call("GET", "/api/runs?repo=acme/secret-infra", null), 403, "repository_not_allowed", "acme/secret-infra");
        assertError(call("POST", "/api/runs/1/cancel?repo=evil/web", null), 403, "repository_not_allowed", "evil/web");
        assertEquals(0, github.getAllServeEvents().size());
    }

    @Test
    void aWorkflowOutsideTheTriggerAllowlistIs403AndGithubIsNotCalled() {
        assertError(call("POST", "/api/workflows/drop-database.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}"), 403,
                "workflow_not_allowed", "drop-database.yml");
        assertError(call("POST", "/api/workflows/release.yml/dispatches", "{\"repo\":\"acme/api\",\"ref\":\"main\"}"), 403,
                "workflow_not_allowed", "release.yml");
        assertEquals(0, github.getAllServeEvents().size());
    }

    @Test
    void aWorkflowNamedDotOrDotDotIsRefusedAndGithubIsNotCalled() {
        assertError(call("POST", "/api/workflows/%2E%2E/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}"), 400,
                "workflow_invalid", "file name");
        assertError(call("POST", "/api/workflows/%2E/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}"), 400,
                "workflow_invalid", "file name");
        assertError(call("GET", "/api/runs?repo=acme/web&workflow=..", null), 400, "workflow_invalid", "file name");
        assertEquals(0, github.getAllServeEvents().size());
    }

    @Test
    void workflowFilesAreAllowedCaseSensitivelyAsGitNamesThemAndRepositoriesInAnyCase() {
        github.stubFor(post(urlEqualTo("/api/v3/repos/ACME/Web/actions/workflows/release.yml/dispatches")).willReturn(okJson(
                "{\"workflow_run_id\": 77, \"html_url\": \"https://github.com/acme/web/actions/runs/77\"}")));

        assertError(call("POST", "/api/workflows/Deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}"), 403,
                "workflow_not_allowed", "Deploy.yml");
        assertError(call("POST", "/api/workflows/Release.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\"}"), 403,
                "workflow_not_allowed", "Release.yml");
        assertEquals(77L, call("POST", "/api/workflows/release.yml/dispatches", "{\"repo\":\"ACME/Web\",\"ref\":\"main\"}").ok().get("runId"));
        assertEquals(1, github.getAllServeEvents().size(), "only the allowed one reached GitHub");
    }

    @Test
    void aRefOutsideActiongateGithubRefsIs403AndGithubIsNotCalled() {
        for (String ref : List.of("feature/login", "release/1.2/hotfix", "Main")) {
            assertError(call("POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"" + ref + "\"}"), 403,
                    "ref_not_allowed", "may not be run on " + ref + " through ActionGate, only on main, release/*; an admin can add it to actiongate.github.refs.");
        }
        assertEquals(0, github.getAllServeEvents().size());

        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches"))
                .withRequestBody(matchingJsonPath("$.ref", equalTo("release/1.2")))
                .willReturn(okJson("{\"workflow_run_id\": 78}")));
        assertEquals(78L, call("POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"release/1.2\"}").ok().get("runId"));
    }

    // --- helpers

    private Transport.Answer call(String method, String path, String body) {
        Map<String, String> headers = Map.of("authorization", "Bearer " + token, "content-type", "application/json");
        return method.equals("GET") ? gate.get(path, headers) : gate.post(path, headers, body == null ? "" : body);
    }


    private static void assertError(Transport.Answer answer, int status, String error, String sentencePart) {
        answer.assertError(status, error, sentencePart);
        assertFalse(answer.body().contains(GITHUB_TOKEN));
    }

    private static void stubJobs() {
        github.stubFor(get(urlEqualTo(BASE + "/actions/runs/30433642/jobs?filter=latest&per_page=50&page=1")).willReturn(okJson("""
                {"total_count": 2, "jobs": [
                  {"id": 1, "name": "build", "status": "completed", "conclusion": "success", "steps": []},
                  {"id": 2, "name": "test", "status": "completed", "conclusion": "failure", "steps": []}]}""")));
    }

    private static String run(long id, String branch, String event, String createdAt, String actor) {
        return """
                {"id": %d, "name": "Deploy", "display_title": "Deploy to staging", "workflow_id": 161335, "path": ".github/workflows/deploy.yml",
                 "head_branch": "%s", "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d", "event": "%s", "status": "completed",
                 "conclusion": "failure", "run_number": 562, "run_attempt": 1, "html_url": "https://github.com/acme/web/actions/runs/%d",
                 "created_at": "%s", "updated_at": "%s", "actor": {"login": "%s"}, "triggering_actor": {"login": "%s"}}"""
                .formatted(id, branch, event, id, createdAt, createdAt, actor, actor);
    }

    private List<Map<String, AttributeValue>> auditRecords() {
        return dynamoDb.query(query -> query.tableName(LocalDynamoDb.TABLE)
                .keyConditionExpression("pk = :day")
                .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(TableLayout.AUDIT_PREFIX + Instant.now().atOffset(java.time.ZoneOffset.UTC).toLocalDate())))
                .consistentRead(true)).items().stream()
                .filter(item -> person.equals(item.get("subject").s())).toList();
    }

    private Map<String, AttributeValue> onlyAuditRecord() {
        List<Map<String, AttributeValue>> records = auditRecords();
        assertEquals(1, records.size(), "exactly one audit record: " + records);
        return records.getFirst();
    }

    private static Map<String, String> fields(Map<String, AttributeValue> item, String... names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            AttributeValue value = item.get(name);
            values.put(name, value == null ? null : value.s() != null ? value.s() : value.n());
        }
        return values;
    }
}
