package dev.actiongate.usage;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LocalDynamoDb;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metering and quotas on DynamoDB Local, exact under concurrency, across midnight, per person and for admins. */
class UsageMeteringTest {

    private static final String METERED = "/api/test-scoped";

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.test.clock", "mutable")
            .with("actiongate.usage.daily-quota.standard", "50")
            .with("actiongate.usage.daily-quota.tiny", "2")
            .with("actiongate.usage.daily-quota.unlimited", "-1")
            // Exactness under 200 parallel calls is the subject here, not the caller's-path budget: DynamoDB Local
            // queues them far beyond the 300 ms a real table needs (MeteringWithoutTheTableTest tests the budget).
            .with("actiongate.usage.call-timeout", "10s");

    private static DynamoDbClient dynamoDb;

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();
    private final MutableClock clock = gate.server().context().getBean(MutableClock.class);
    private final UsageMeter meter = gate.server().context().getBean(UsageMeter.class);

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
    }

    @Test
    void twoHundredParallelCallsByOnePersonAreCountedExactly200() throws Exception {
        clock.set(Instant.parse("2031-01-10T12:00:00Z"));
        String person = unique("parallel");
        String token = token(person, "workflows:trigger", "unlimited");

        List<Transport.Answer> answers = inParallel(200, () -> gate.get(METERED, bearer(token)));

        assertEquals(200, answers.stream().filter(answer -> answer.status() == 200).count());
        meter.awaitBackgroundWrites();
        Map<String, AttributeValue> counter = counter(person, "2031-01-10");
        assertEquals(List.of("200", "200", "200", "200"),
                List.of(counter.get("calls").n(), counter.get("op_trigger").n(), counter.get("out_ok").n(), counter.get("latencyCount").n()));
    }

    @Test
    void withAQuotaOf50Exactly50Of200ParallelCallsGoThrough() throws Exception {
        clock.set(Instant.parse("2031-01-11T18:00:00Z"));
        String person = unique("quota");
        String token = token(person, "workflows:trigger", "standard");

        List<Transport.Answer> answers = inParallel(200, () -> gate.get(METERED, bearer(token)));

        assertEquals(50, answers.stream().filter(answer -> answer.status() == 200).count());
        List<Transport.Answer> refused = answers.stream().filter(answer -> answer.status() == 429).toList();
        assertEquals(150, refused.size());
        Transport.Answer one = refused.getFirst();
        assertEquals("21600", one.header("retry-after"), "until midnight UTC");
        assertEquals(Map.of("error", "quota_exceeded", "message", "You have used all 50 ActionGate calls your standard tier allows per day; "
                + "more become available at midnight UTC, in about 6 hours."), ChatGptAndBrowser.json(one));
        meter.awaitBackgroundWrites();
        Map<String, AttributeValue> counter = counter(person, "2031-01-11");
        assertEquals(List.of("50", "150"), List.of(counter.get("calls").n(), counter.get("refused").n()));
    }

    @Test
    void aNewDayBringsANewQuota() {
        clock.set(Instant.parse("2031-01-12T23:59:58.500Z"));
        String person = unique("midnight");
        String token = token(person, "workflows:trigger analytics:read", "tiny");

        assertEquals(List.of(200, 200, 429), List.of(gate.get(METERED, bearer(token)).status(), gate.get(METERED, bearer(token)).status(),
                gate.get(METERED, bearer(token)).status()));
        assertEquals("2", gate.get(METERED, bearer(token)).header("retry-after"), "1.5 s to midnight, rounded up");

        clock.set(Instant.parse("2031-01-13T00:00:01Z"));
        assertEquals(200, gate.get(METERED, bearer(token)).status());
        // the calls' latencies are written after their answers; the report reads them
        meter.awaitBackgroundWrites();

        Map<String, Object> report = (gate.get("/api/usage?from=2031-01-12&to=2031-01-13&groupBy=day", bearer(token))).ok();
        assertEquals(List.of(
                Map.of("key", "2031-01-12", "calls", 2L, "ok", 2L, "clientErrors", 0L, "serverErrors", 0L, "refused", 2L, "averageLatencyMs", averageLatency(report, 0)),
                Map.of("key", "2031-01-13", "calls", 2L, "ok", 1L, "clientErrors", 0L, "serverErrors", 0L, "refused", 0L, "averageLatencyMs", averageLatency(report, 1))),
                report.get("groups"), "the report counts itself: getUsage is metered too");
    }

    @Test
    void eachPersonSeesTheirOwnUsageAndAnAdminEveryonesGroupedAndPaged() {
        clock.set(Instant.parse("2031-02-01T09:00:00Z"));
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        String aliceToken = token(alice, "workflows:trigger analytics:read", "standard");
        String bobToken = token(bob, "workflows:trigger", "standard");
        String adminToken = token(carol, "analytics:read admin", "standard");
        for (int i = 0; i < 3; i++) {
            gate.get(METERED, bearer(aliceToken));
        }
        gate.get("/api/me", bearer(aliceToken));
        gate.get(METERED, bearer(bobToken));
        gate.get(METERED, bearer(bobToken));

        Map<String, Object> own = (gate.get("/api/usage?from=2031-02-01&to=2031-02-01&groupBy=operation", bearer(aliceToken))).ok();
        assertEquals(false, own.get("everyone"));
        assertEquals(List.of(Map.of("key", "trigger", "calls", 3L), Map.of("key", "getMe", "calls", 1L), Map.of("key", "getUsage", "calls", 1L)),
                own.get("groups"));
        assertEquals(5L, own.get("totalCalls"));

        assertEquals(403, gate.get("/api/usage", bearer(bobToken)).status(), "without analytics:read");

        Map<String, Object> firstPage = (gate.get("/api/usage?from=2031-02-01&to=2031-02-01&groupBy=user&limit=2", bearer(adminToken))).ok();
        assertEquals(true, firstPage.get("everyone"));
        assertEquals(List.of(alice, bob), keys(firstPage), "most calls first");
        assertEquals("2", firstPage.get("nextCursor"));
        Map<String, Object> secondPage = (gate.get("/api/usage?from=2031-02-01&to=2031-02-01&groupBy=user&limit=2&cursor=2", bearer(adminToken))).ok();
        assertEquals(List.of(carol), keys(secondPage));
        assertNull(secondPage.get("nextCursor"));
        assertEquals(9L, secondPage.get("totalCalls"), "5 by alice, 2 by bob, 2 reports by the admin");
    }

    @Test
    void getMeShowsTodaysQuotaLeftEvenWhenItIsUsedUp() {
        clock.set(Instant.parse("2031-02-02T09:00:00Z"));
        String person = unique("me");
        String token = token(person, "workflows:trigger", "tiny");
        gate.get(METERED, bearer(token));
        gate.get(METERED, bearer(token));

        Map<String, Object> me = (gate.get("/api/me", bearer(token))).ok();

        assertEquals(Map.of("tier", "tiny", "dailyLimit", 2L, "usedToday", 3L, "remainingToday", 0L), me.get("quota"),
                "two calls plus this getMe, which is counted but never refused");
    }

    @Test
    void aBadRangeIsA400WithASentence() {
        String token = token(unique("range"), "analytics:read", "standard");

        Transport.Answer answer = gate.get("/api/usage?from=2031-01-01&to=2031-12-31", bearer(token));

        assertEquals(400, answer.status());
        assertEquals("range_invalid", ChatGptAndBrowser.json(answer).get("error"));
    }

    @Test
    void withTheTableUnreachableCallsStillSucceedAndTheFailureIsCounted() {
        Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
        settings.put("actiongate.usage.endpoint", "http://127.0.0.1:9");
        try (HttpTransport unreachable = new HttpTransport(settings)) {
            UsageMeter broken = unreachable.server().context().getBean(UsageMeter.class);

            assertEquals(200, unreachable.get(METERED, bearer(token(unique("open"), "workflows:trigger", "standard", Instant.now()))).status());
            assertTrue(broken.failures() >= 1, "counted: " + broken.failures());
        }
    }

    @Test
    void withTheTableUnreachableAndQuotasFailingClosedCallsAreRefusedWith503() {
        Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
        settings.put("actiongate.usage.endpoint", "http://127.0.0.1:9");
        settings.put("actiongate.usage.quota-failure-mode", "closed");
        try (HttpTransport unreachable = new HttpTransport(settings)) {
            Transport.Answer answer = unreachable.get(METERED, bearer(token(unique("closed"), "workflows:trigger", "standard", Instant.now())));

            assertEquals(503, answer.status());
            assertEquals("usage_unavailable", ChatGptAndBrowser.json(answer).get("error"));
            assertEquals(200, unreachable.get("/api/me", bearer(token(unique("closed-me"), "", "standard", Instant.now()))).status(),
                    "getMe is never refused for quota");
        }
    }

    // --- helpers

    private String token(String subject, String scope, String tier) {
        return token(subject, scope, tier, clock.instant());
    }

    /** A token valid at {@code now} on the clock of the ActionGate it is shown to. */
    private String token(String subject, String scope, String tier, Instant now) {
        JWTClaimsSet.Builder claims = idp.validClaims(subject, now).claim("email", subject + "@example.com").claim("tier", tier);
        claims.claim("scope", scope.isEmpty() ? null : scope);
        return idp.sign(claims.build());
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }


    private static List<Object> keys(Map<String, Object> report) {
        return ((List<?>) report.get("groups")).stream().map(group -> ((Map<?, ?>) group).get("key")).map(Object.class::cast).toList();
    }

    private static Object averageLatency(Map<String, Object> report, int index) {
        return ((Map<?, ?>) ((List<?>) report.get("groups")).get(index)).get("averageLatencyMs");
    }

    private static Map<String, AttributeValue> counter(String subject, String day) {
        return dynamoDb.getItem(get -> get.tableName(LocalDynamoDb.TABLE).consistentRead(true)
                .key(Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS("usage#" + subject),
                        TableLayout.SORT_KEY, AttributeValue.fromS("day#" + LocalDate.parse(day))))).item();
    }

    private static List<Transport.Answer> inParallel(int calls, Callable<Transport.Answer> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            List<Future<Transport.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Transport.Answer> answers = new ArrayList<>();
            for (Future<Transport.Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }
}
