package dev.actiongate.usage;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.LocalDynamoDb;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code listAuditEvents} after real trigger, cancel and re-run calls (GitHub on WireMock, the table on DynamoDB Local
 * behind a recording proxy), over HTTP and through the Lambda handler: the events' fields, the filters, paging, who sees
 * what, the refusals, and that the table is only ever queried.
 */
class AuditEventsTest {

    private static final String BASE = "/api/v3/repos/acme/web";
    private static final String SCOPES = "workflows:trigger analytics:read";
    /** Each test writes on days of its own, so an admin's view of everyone holds only that test's calls. */
    private static final AtomicInteger DAYS = new AtomicInteger();

    private static final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());
    /** Every request to the table goes through here, so a test can see which operations it was asked. */
    private static final WireMockServer table = new WireMockServer(wireMockConfig().dynamicPort());

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.function", "api")
            .with("actiongate.test.clock", "mutable")
            .with("actiongate.github.token", "ghp_test_token_0123456789")
            .with("actiongate.github.api-url", () -> github.baseUrl() + "/api/v3")
            .with("actiongate.github.repositories", "acme/web,acme/api")
            .with("actiongate.usage.endpoint", table::baseUrl)
            // DynamoDB Local behind a proxy on a loaded machine can take longer than the 300 ms a real table needs.
            .with("actiongate.usage.call-timeout", "3s");

    private final TestIdentityProvider idp = gates.provider();

    private LocalDate day;

    @BeforeAll
    static void start() {
        github.start();
        table.start();
        table.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(LocalDynamoDb.shared().endpoint().toString())));
    }

    @AfterAll
    static void stop() {
        github.stop();
        table.stop();
    }

    @BeforeEach
    void stubGithubAndPickADay() {
        github.resetAll();
        github.stubFor(post(urlEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches")).willReturn(okJson("""
                {"workflow_run_id": 501, "run_url": "https://api.github.com/repos/acme/web/actions/runs/501",
                 "html_url": "https://github.com/acme/web/actions/runs/501"}""")));
        github.stubFor(post(urlEqualTo("/api/v3/repos/acme/api/actions/workflows/build.yml/dispatches")).willReturn(okJson("{\"workflow_run_id\": 601}")));
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/501/cancel")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/400/cancel")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Cannot cancel a workflow run that is completed.\"}")));
        github.stubFor(post(urlEqualTo(BASE + "/actions/runs/501/rerun-failed-jobs")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        day = LocalDate.parse("2033-01-01").plusDays(DAYS.getAndIncrement() * 2L);
    }

    static Stream<Arguments> both() {
        return gates.both();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void triggerCancelAndRerunComeBackAsEventsNewestFirstWithEveryField(String name, Transport gate) {
        String alice = unique("alice");
        at(gate, "09:00:00Z");
        gate.post("/api/workflows/deploy.yml/dispatches", bearer(gate, alice, SCOPES),
                "{\"repo\":\"acme/web\",\"ref\":\"main\",\"inputs\":{\"environment\":\"staging\",\"ref\":\"v2\"}}").ok();
        at(gate, "09:01:00Z");
        gate.post("/api/runs/501/cancel?repo=acme/web", bearer(gate, alice, SCOPES), "").ok();
        at(gate, "09:02:00Z");
        gate.post("/api/runs/501/rerun?repo=acme/web&failedJobsOnly=true", bearer(gate, alice, SCOPES), "").ok();
        at(gate, "09:03:00Z");
        assertEquals(409, gate.post("/api/runs/400/cancel?repo=acme/web", bearer(gate, alice, SCOPES), "").status());
        at(gate, "10:00:00Z");

        Map<String, Object> answer = gate.get("/api/audit?from=" + day + "&to=" + day, bearer(gate, alice, "analytics:read")).ok();

        assertEquals(false, answer.get("everyone"));
        assertEquals(day + "T00:00:00Z", answer.get("from"));
        assertEquals(day + "T23:59:59.999999999Z", answer.get("to"));
        assertNull(answer.get("nextCursor"));
        String email = alice + "@example.com";
        assertEquals(List.of(
                event("09:03:00Z", alice, email, "cancelRun", "acme/web", Map.of("runId", 400L, "outcome", "refused", "status", 409L,
                        "result", "github_conflict")),
                event("09:02:00Z", alice, email, "rerunRun", "acme/web", Map.of("runId", 501L, "inputs", Map.of("failedJobsOnly", "true"),
                        "outcome", "ok", "status", 200L, "result", "rerun failed jobs requested", "startedRunId", 501L)),
                event("09:01:00Z", alice, email, "cancelRun", "acme/web", Map.of("runId", 501L, "outcome", "ok", "status", 200L,
                        "result", "cancel requested")),
                event("09:00:00Z", alice, email, "triggerWorkflow", "acme/web", Map.of("workflow", "deploy.yml", "ref", "main",
                        "inputs", Map.of("environment", "staging", "ref", "v2"), "outcome", "ok", "status", 200L,
                        "result", "run 501 started", "startedRunId", 501L))),
                answer.get("events"), "a workflow input named ref stays an input; the ref is the one the run ran on");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theFiltersNarrowByRepositoryOperationOutcomeAndTime(String name, Transport gate) {
        String bob = unique("bob");
        at(gate, "08:00:00Z");
        gate.post("/api/workflows/deploy.yml/dispatches", bearer(gate, bob, SCOPES), "{\"repo\":\"acme/web\",\"ref\":\"main\"}").ok();
        at(gate, "12:00:00Z");
        gate.post("/api/workflows/build.yml/dispatches", bearer(gate, bob, SCOPES), "{\"repo\":\"acme/api\",\"ref\":\"main\"}").ok();
        at(gate, "13:00:00Z");
        gate.post("/api/runs/400/cancel?repo=acme/web", bearer(gate, bob, SCOPES), "");
        at(gate, "14:00:00Z");
        String token = token(gate, bob, "analytics:read");
        String range = "&from=" + day + "&to=" + day;

        assertEquals(List.of("13:00", "08:00"), times(gate.get("/api/audit?repo=ACME/web" + range, bearer(token)).ok()), "owner/name in any case");
        assertEquals(List.of("12:00", "08:00"), times(gate.get("/api/audit?operation=triggerWorkflow" + range, bearer(token)).ok()));
        assertEquals(List.of("13:00"), times(gate.get("/api/audit?outcome=refused" + range, bearer(token)).ok()));
        assertEquals(List.of("12:00", "08:00"), times(gate.get("/api/audit?outcome=ok" + range, bearer(token)).ok()));
        assertEquals(List.of("13:00", "12:00"), times(gate.get("/api/audit?from=" + day + "T09:00:00Z&to=" + day + "T13:00:00Z", bearer(token)).ok()),
                "both ends of a time range are in it");
        assertEquals(List.of("12:00"), times(gate.get("/api/audit?from=" + day + "T09:30:00%2B01:00&to=" + day + "T13:30:00%2B01:00", bearer(token)).ok()),
                "an offset is honoured: 08:30 to 12:30 UTC");
        assertEquals(List.of(), times(gate.get("/api/audit?repo=acme/web&operation=rerunRun" + range, bearer(token)).ok()));
        assertEquals(List.of("13:00", "12:00", "08:00"), times(gate.get("/api/audit?person=" + bob + range, bearer(token)).ok()),
                "a person may name themselves");
        assertEquals(List.of("13:00", "12:00", "08:00"), times(gate.get("/api/audit?person=" + encode(bob.toUpperCase() + "@EXAMPLE.COM") + range, bearer(token)).ok()),
                "by their e-mail in any case");
        assertEquals(List.of("13:00", "12:00", "08:00"), times(gate.get("/api/audit", bearer(token)).ok()), "by default the last 7 days");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void pagesGoOnWithTheCursorNewestFirstWithoutRepeatsKeepingTheFilters(String name, Transport gate) {
        String carol = unique("carol");
        for (int i = 0; i < 5; i++) {
            at(gate, "1" + i + ":00:00Z");
            gate.post("/api/runs/501/cancel?repo=acme/web", bearer(gate, carol, SCOPES), "").ok();
        }
        at(gate, "1" + 5 + ":00:00Z");
        gate.post("/api/workflows/deploy.yml/dispatches", bearer(gate, carol, SCOPES), "{\"repo\":\"acme/web\",\"ref\":\"main\"}").ok();
        at(gate, "20:00:00Z");
        String token = token(gate, carol, "analytics:read");

        Map<String, Object> first = gate.get("/api/audit?operation=cancelRun&limit=2&from=" + day + "&to=" + day, bearer(token)).ok();
        Map<String, Object> second = gate.get("/api/audit?limit=2&cursor=" + first.get("nextCursor"), bearer(token)).ok();
        Map<String, Object> third = gate.get("/api/audit?operation=cancelRun&limit=2&cursor=" + second.get("nextCursor"), bearer(token)).ok();

        assertEquals(List.of("14:00", "13:00"), times(first));
        assertEquals(List.of("12:00", "11:00"), times(second), "the cursor keeps the first page's filter and range");
        assertEquals(List.of("10:00"), times(third));
        assertNull(third.get("nextCursor"), "no more pages");
        assertFalse(((String) first.get("nextCursor")).contains("cancelRun"), "the cursor is opaque");

        gate.get("/api/audit?operation=triggerWorkflow&cursor=" + first.get("nextCursor"), bearer(token))
                .assertError(400, "cursor_invalid", "same filters as the first page");
        gate.get("/api/audit?from=" + day.minusDays(1) + "&cursor=" + first.get("nextCursor"), bearer(token))
                .assertError(400, "cursor_invalid", "same filters as the first page");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aPersonSeesOnlyTheirOwnEventsAndAnAdminEveryones(String name, Transport gate) {
        String dave = unique("dave");
        String erin = unique("erin");
        at(gate, "09:00:00Z");
        gate.post("/api/workflows/deploy.yml/dispatches", bearer(gate, dave, SCOPES), "{\"repo\":\"acme/web\",\"ref\":\"main\"}").ok();
        at(gate, "10:00:00Z");
        gate.post("/api/runs/501/cancel?repo=acme/web", bearer(gate, erin, SCOPES), "").ok();
        at(gate, "11:00:00Z");
        String range = "&from=" + day + "&to=" + day;

        assertEquals(List.of(dave), subjects(gate.get("/api/audit?limit=50" + range, bearer(gate, dave, "analytics:read")).ok()));
        assertEquals(List.of(erin), subjects(gate.get("/api/audit?limit=50" + range, bearer(gate, erin, "analytics:read")).ok()));
        gate.get("/api/audit?person=" + erin + range, bearer(gate, dave, "analytics:read"))
                .assertError(403, "person_not_allowed", "only your own audit events");
        gate.get("/api/audit?person=" + erin + "@example.com" + range, bearer(gate, dave, "analytics:read"))
                .assertError(403, "person_not_allowed", "an admin can see everyone's");
        gate.get("/api/audit" + "?limit=5", bearer(gate, dave, "workflows:trigger")).assertError(403, "insufficient_scope", "analytics:read");

        String admin = token(gate, unique("admin"), "analytics:read admin");
        Map<String, Object> everyone = gate.get("/api/audit?limit=50" + range, bearer(admin)).ok();
        assertEquals(true, everyone.get("everyone"));
        assertEquals(List.of(erin, dave), subjects(everyone));
        assertEquals(List.of(erin), subjects(gate.get("/api/audit?person=" + erin + range, bearer(admin)).ok()));
        assertEquals(List.of(dave), subjects(gate.get("/api/audit?person=" + encode(dave.toUpperCase() + "@Example.com") + range, bearer(admin)).ok()));
        Map<String, Object> firstOfEveryone = gate.get("/api/audit?limit=1" + range, bearer(admin)).ok();
        assertEquals(List.of(erin), subjects(firstOfEveryone));
        assertEquals(List.of(dave), subjects(gate.get("/api/audit?limit=1&cursor=" + firstOfEveryone.get("nextCursor"), bearer(admin)).ok()));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRangeOver92DaysABadCursorAndBadFiltersAreRefusedWithASentence(String name, Transport gate) {
        String frank = unique("frank");
        at(gate, "09:00:00Z");
        for (int i = 0; i < 2; i++) {
            gate.post("/api/runs/501/cancel?repo=acme/web", bearer(gate, frank, SCOPES), "").ok();
        }
        Map<String, String> bearer = bearer(gate, frank, "analytics:read");

        gate.get("/api/audit?from=2033-01-01&to=2033-04-03", bearer).assertError(400, "range_invalid", "at most 92 days");
        assertEquals(200, gate.get("/api/audit?from=2033-01-01&to=2033-04-02", bearer).status(), "92 days, both ends included");
        gate.get("/api/audit?from=2033-01-02&to=2033-01-01", bearer).assertError(400, "range_invalid", "from on or before to");
        gate.get("/api/audit?from=yesterday", bearer).assertError(400, "date_invalid", "2026-11-25T14:00:00Z");
        gate.get("/api/audit?to=2033-13-01", bearer).assertError(400, "date_invalid", "Give to as a day");
        gate.get("/api/audit?operation=deleteRepo", bearer).assertError(400, "operation_invalid", "triggerWorkflow, cancelRun, rerunRun");
        gate.get("/api/audit?outcome=meh", bearer).assertError(400, "outcome_invalid", "ok, refused or failed");
        gate.get("/api/audit?repo=not-a-repo", bearer).assertError(400, "repo_invalid", "owner/name");
        gate.get("/api/audit?person=" + "p".repeat(321), bearer).assertError(400, "person_invalid", "sub or their e-mail");
        gate.get("/api/audit?limit=0", bearer).assertError(400, "limit_invalid", "between 1 and 50");
        gate.get("/api/audit?limit=51", bearer).assertError(400, "limit_invalid", "between 1 and 50");

        String cursor = (String) gate.get("/api/audit?limit=1&from=" + day + "&to=" + day, bearer).ok().get("nextCursor");
        assertNotNull(cursor);
        int middle = cursor.length() / 2;
        String tampered = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);
        gate.get("/api/audit?cursor=" + tampered, bearer).assertError(400, "cursor_invalid", "not one ActionGate gave you");
        gate.get("/api/audit?cursor=" + cursor.substring(0, cursor.length() - 3), bearer).assertError(400, "cursor_invalid", "not one ActionGate gave you");
        gate.get("/api/audit?cursor=12", bearer).assertError(400, "cursor_invalid", "not one ActionGate gave you");
        gate.get("/api/audit?cursor=" + cursor, bearer(gate, unique("mallory"), "analytics:read"))
                .assertError(400, "cursor_invalid", "not one ActionGate gave you");
        assertEquals(1, ((List<?>) gate.get("/api/audit?cursor=" + cursor, bearer).ok().get("events")).size(), "the untouched cursor still works");
        String wellFormedButTooWide = AuditCursor.encode(frank, new AuditFilters(null, null, null, null,
                Instant.parse("2030-01-01T00:00:00Z"), Instant.parse(day + "T23:00:00Z")), day + "T23:00:00Z");
        gate.get("/api/audit?cursor=" + wellFormedButTooWide, bearer).assertError(400, "cursor_invalid", "not one ActionGate gave you");
    }

    @Test
    void aPageOfLongInputsStaysFarBelowWhatAGptTakesAndGoesOnWithTheCursor() {
        Transport gate = gates.http();
        String heidi = unique("heidi");
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            inputs.append(i == 0 ? "" : ",").append("\"input").append(i).append("\":\"").append(String.valueOf((char) ('a' + i % 26)).repeat(1_000)).append('"');
        }
        for (int i = 0; i < 12; i++) {
            at(gate, "09:%02d:00Z".formatted(i));
            gate.post("/api/workflows/deploy.yml/dispatches", bearer(gate, heidi, SCOPES),
                    "{\"repo\":\"acme/web\",\"ref\":\"main\",\"inputs\":{" + inputs + "}}").ok();
        }
        at(gate, "10:00:00Z");
        String token = token(gate, heidi, "analytics:read");

        Transport.Answer first = gate.get("/api/audit?limit=50&from=" + day + "&to=" + day, bearer(token));
        Map<String, Object> page = first.ok();
        List<String> times = new ArrayList<>(times(page));
        assertTrue(first.body().length() < 60_000, "far below the 100,000 characters a GPT takes: " + first.body().length());
        assertTrue(times.size() < 12, "cut short: " + times);
        assertTrue(((String) page.get("note")).contains("pass nextCursor"), page.toString());
        Map<?, ?> someInputs = (Map<?, ?>) ((Map<?, ?>) ((List<?>) page.get("events")).getFirst()).get("inputs");
        assertEquals("b".repeat(200) + "…", someInputs.get("input1"), "long values are cut");
        while (page.get("nextCursor") != null) {
            page = gate.get("/api/audit?limit=50&cursor=" + page.get("nextCursor"), bearer(token)).ok();
            times.addAll(times(page));
        }
        assertEquals(List.of("09:11", "09:10", "09:09", "09:08", "09:07", "09:06", "09:05", "09:04", "09:03", "09:02", "09:01", "09:00"), times,
                "every event once, in order, over the pages");
    }

    @Test
    void aPageThatHasReadItsShareOfRecordsWithoutEnoughMatchesSaysSoAndTheCursorGoesOn() {
        Transport gate = gates.http();
        String ivan = unique("ivan");
        at(gate, "20:00:00Z");
        // 1,001 records on one day: the oldest on acme/api, every later one on acme/web.
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i <= 1_000; i++) {
            Instant at = Instant.parse(day + "T08:00:00Z").plusSeconds(i);
            Map<String, AttributeValue> item = new LinkedHashMap<>(Map.of(
                    TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.AUDIT_PREFIX + day), TableLayout.SORT_KEY, AttributeValue.fromS(at + "#0a0b0c0d"),
                    TableLayout.BY_ACTOR_PARTITION, AttributeValue.fromS(TableLayout.ACTOR_PREFIX + ivan), "subject", AttributeValue.fromS(ivan),
                    "face", AttributeValue.fromS("gpt"), "operation", AttributeValue.fromS("cancelRun"),
                    "repository", AttributeValue.fromS(i == 0 ? "acme/api" : "acme/web"), "target", AttributeValue.fromS("7")));
            item.putAll(Map.of("inputs", AttributeValue.fromS("{}"), "status", AttributeValue.fromN("200"),
                    "result", AttributeValue.fromS("cancel requested"), "at", AttributeValue.fromS(at.toString())));
            writes.add(WriteRequest.builder().putRequest(put -> put.item(item)).build());
        }
        try (DynamoDbClient dynamoDb = LocalDynamoDb.shared().client()) {
            for (int from = 0; from < writes.size(); from += 25) {
                List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
                dynamoDb.batchWriteItem(write -> write.requestItems(Map.of(LocalDynamoDb.TABLE, batch)));
            }
        }
        String token = token(gate, ivan, "analytics:read");

        Map<String, Object> first = gate.get("/api/audit?repo=acme/api&from=" + day + "&to=" + day, bearer(token)).ok();
        Map<String, Object> second = gate.get("/api/audit?cursor=" + first.get("nextCursor"), bearer(token)).ok();

        assertEquals(List.of(), first.get("events"), "1,000 records read, none on acme/api");
        assertTrue(((String) first.get("note")).contains("at most 1000 records"), first.toString());
        assertEquals(List.of("08:00"), times(second), "the next page reads on from there");
        assertNull(second.get("nextCursor"));
    }

    @Test
    void theTableIsQueriedNeverScannedAPersonByTheIndexEveryoneByDay() {
        Transport gate = gates.http();
        String grace = unique("grace");
        at(gate, "09:00:00Z");
        gate.post("/api/workflows/deploy.yml/dispatches", bearer(gate, grace, SCOPES), "{\"repo\":\"acme/web\",\"ref\":\"main\"}").ok();
        at(gate, "10:00:00Z");
        String own = token(gate, grace, "analytics:read");
        String admin = token(gate, unique("admin"), "analytics:read admin");
        String range = "&from=" + day.minusDays(1) + "&to=" + day;

        List<Map<String, Object>> person = tableRequests(() -> gate.get("/api/audit?repo=acme/web" + range, bearer(own)).ok());
        List<Map<String, Object>> everyone = tableRequests(() -> gate.get("/api/audit?repo=acme/web" + range, bearer(admin)).ok());
        List<Map<String, Object>> byEmail = tableRequests(() -> gate.get("/api/audit?person=" + grace + "@example.com" + range, bearer(admin)).ok());

        assertEquals(List.of(Map.of("operation", "Query", "index", TableLayout.BY_ACTOR_INDEX, "key", TableLayout.ACTOR_PREFIX + grace)), person);
        List<Map<String, Object>> days = List.of(
                Map.of("operation", "Query", "index", "", "key", TableLayout.AUDIT_PREFIX + day),
                Map.of("operation", "Query", "index", "", "key", TableLayout.AUDIT_PREFIX + day.minusDays(1)));
        assertEquals(days, everyone, "everyone's: one day's partition at a time, newest first");
        assertEquals(days, byEmail, "an e-mail is found among everyone's, by day");

        AtomicReference<Map<String, Object>> widest = new AtomicReference<>();
        List<Map<String, Object>> quarter = tableRequests(() -> widest.set(gate.get("/api/audit?repo=acme/none&from=2034-03-02&to=2034-06-01",
                bearer(admin)).ok()));
        assertEquals(92, quarter.size(), "92 days no test writes on, one Query each, in one answer");
        assertTrue(quarter.stream().allMatch(request -> request.get("operation").equals("Query") && request.get("index").equals("")), quarter.toString());
        assertEquals(List.of(), widest.get().get("events"));
        assertNull(widest.get().get("nextCursor"), "nothing left to read");
    }

    // --- helpers

    /** The audit trail's requests to the table while {@code call} ran (metering's own writes left out). */
    private static List<Map<String, Object>> tableRequests(Runnable call) {
        table.resetRequests();
        call.run();
        List<Map<String, Object>> requests = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(table.getAllServeEvents());
        java.util.Collections.reverse(events);
        for (ServeEvent event : events) {
            String target = event.getRequest().getHeader("X-Amz-Target");
            String operation = target.substring(target.indexOf('.') + 1);
            assertFalse(operation.equals("Scan"), "never a Scan: " + event.getRequest().getBodyAsString());
            if (List.of("UpdateItem", "GetItem").contains(operation)) {
                continue;
            }
            Map<String, Object> body = ChatGptAndBrowser.json(new Transport.Answer(200, Map.of(), event.getRequest().getBodyAsString()));
            Map<?, ?> values = (Map<?, ?>) body.get("ExpressionAttributeValues");
            Map<?, ?> key = values == null ? null : (Map<?, ?>) values.get(":key");
            requests.add(Map.of("operation", operation, "index", body.getOrDefault("IndexName", ""), "key", key == null ? "" : key.get("S")));
        }
        return requests;
    }

    private Map<String, Object> event(String time, String subject, String email, String operation, String repo, Map<String, Object> rest) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", day + "T" + time);
        event.put("subject", subject);
        event.put("email", email);
        event.put("face", "gpt");
        event.put("operation", operation);
        event.put("repo", repo);
        event.putAll(rest);
        return event;
    }

    private static List<String> times(Map<String, Object> answer) {
        return ((List<?>) answer.get("events")).stream().map(event -> ((String) ((Map<?, ?>) event).get("at")).substring(11, 16)).toList();
    }

    private static List<String> subjects(Map<String, Object> answer) {
        return ((List<?>) answer.get("events")).stream().map(event -> (String) ((Map<?, ?>) event).get("subject")).toList();
    }

    /** Both gates' clocks, so a token made for one time is valid on either. */
    private void at(Transport gate, String time) {
        clock(gate).set(Instant.parse(day + "T" + time));
    }

    private static MutableClock clock(Transport gate) {
        return (gate == gates.http() ? gates.server().context() : gates.lambda().context()).getBean(MutableClock.class);
    }

    private String token(Transport gate, String subject, String scope) {
        return idp.accessToken(subject, scope, clock(gate).instant());
    }

    private Map<String, String> bearer(Transport gate, String subject, String scope) {
        return bearer(token(gate, subject, scope));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token, "content-type", "application/json");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
