package dev.actiongate.usage;

import ch.qos.logback.classic.Level;
import dev.actiongate.dynamodb.TableBreaker;
import dev.actiongate.testing.CapturedLogs;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.DynamoDbProxy;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A metered {@code /api/me} while DynamoDB is in trouble, over HTTP and through the Lambda handler: it
 * fails open within the caller's-path budget, the breaker then skips the table (no connection at all)
 * and says so once, and after the cool-down one call finds the table back and metering counts again.
 */
class MeteringWithoutTheTableTest {

    /** Four times the 300 ms budget: room for a loaded machine, and a call that waited out even two SDK timeouts fails. */
    private static final long SLOWEST_FAILING_CALL_MS = 1_200;
    private static final int CALLS_WHILE_OPEN = 20;

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> transportsAndTroubles() {
        return Stream.of("HTTP", "Lambda").flatMap(transport -> Stream.of("unreachable", "slow").map(trouble -> Arguments.of(transport, trouble)));
    }

    @ParameterizedTest(name = "{0}, table {1}")
    @MethodSource("transportsAndTroubles")
    void meFailsOpenInMillisecondsAndOnceTheBreakerIsOpenNoCallReachesForTheTable(String transport, String trouble) throws Exception {
        try (DynamoDbProxy table = trouble.equals("slow") ? DynamoDbProxy.startingSlow() : DynamoDbProxy.startingUnreachable();
             CapturedLogs logs = CapturedLogs.of(TableBreaker.class);
             Transport gate = start(transport, table, "10m", "300ms")) {
            String token = token();
            // The first call also builds the DynamoDB client (on Lambda that happens at init): not timed.
            assertEquals(200, gate.get("/api/me", bearer(token)).status());
            TableBreaker breaker = context(gate).getBean(TableBreaker.class);

            for (int call = 2; !breaker.isOpen(); call++) {
                assertTrue(call <= 3, "three failures in a row open the breaker (background writes count too)");
                long started = System.nanoTime();
                Transport.Answer me = gate.get("/api/me", bearer(token));
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, me.status(), me.body());
                assertNull(ChatGptAndBrowser.json(me).get("quota"), "not counted, so no quota to show");
                assertTrue(tookMs < SLOWEST_FAILING_CALL_MS, "call " + call + " took " + tookMs + " ms");
            }

            Thread.sleep(200); // let the proxy count the last connection made before the breaker opened
            int connectionsBefore = table.connections();
            long skippedBefore = breaker.callsSkipped();
            long started = System.nanoTime();
            for (int call = 0; call < CALLS_WHILE_OPEN; call++) {
                assertEquals(200, gate.get("/api/me", bearer(token)).status());
            }
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            context(gate).getBean(UsageMeter.class).awaitBackgroundWrites();

            assertEquals(connectionsBefore, table.connections(), "no connection while the breaker is open");
            assertTrue(breaker.callsSkipped() - skippedBefore >= CALLS_WHILE_OPEN, "each metered call skips the table at least once");
            assertTrue(tookMs < SLOWEST_FAILING_CALL_MS, CALLS_WHILE_OPEN + " calls took " + tookMs + " ms");
            assertEquals(1, breaker.timesOpened());
            assertEquals(List.of(Level.WARN), logs.levels(), "one line when it opened, none per call: " + logs.lines());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void afterTheCoolDownOneCallFindsTheTableBackAndCallsAreCountedAgain(String transport) throws Exception {
        try (DynamoDbProxy table = DynamoDbProxy.startingUp();
             CapturedLogs logs = CapturedLogs.of(TableBreaker.class);
             Transport gate = start(transport, table, "300ms", "2s")) {
            String token = token();
            assertEquals(1L, ((Map<?, ?>) ChatGptAndBrowser.json(gate.get("/api/me", bearer(token))).get("quota")).get("usedToday"));
            table.unreachable();
            for (int call = 0; call < 3; call++) {
                assertEquals(200, gate.get("/api/me", bearer(token)).status());
            }
            TableBreaker breaker = context(gate).getBean(TableBreaker.class);
            assertTrue(breaker.isOpen());

            table.up();
            Thread.sleep(400);
            Map<String, Object> me = ChatGptAndBrowser.json(gate.get("/api/me", bearer(token)));

            assertEquals(2L, ((Map<?, ?>) me.get("quota")).get("usedToday"), "the first call after the cool-down is counted: " + me);
            assertFalse(breaker.isOpen());
            assertEquals(List.of(1L, 1L), List.of(breaker.timesOpened(), breaker.timesClosed()));
            assertEquals(List.of(Level.WARN, Level.INFO), logs.levels(), "one line when it opened, one when it closed: " + logs.lines());
            assertEquals(3L, ((Map<?, ?>) ChatGptAndBrowser.json(gate.get("/api/me", bearer(token))).get("quota")).get("usedToday"));
        }
    }

    // --- helpers

    /** @param callTimeout the default 300 ms where the budget is what is tested; more where a cold DynamoDB Local must answer */
    private Transport start(String transport, DynamoDbProxy table, String coolDown, String callTimeout) {
        Map<String, Object> settings = new LinkedHashMap<>(table.settings(idp.settings()));
        settings.put("actiongate.usage.call-timeout", callTimeout);
        settings.put("actiongate.usage.breaker-failures", "3");
        settings.put("actiongate.usage.breaker-cool-down", coolDown);
        Function<Map<String, Object>, Transport> kind = transport.equals("HTTP") ? HttpTransport::new : LambdaTransport::new;
        return kind.apply(settings);
    }

    private static ApplicationContext context(Transport gate) {
        return gate instanceof HttpTransport http ? http.server().context() : ((LambdaTransport) gate).context();
    }

    private String token() {
        return idp.accessToken("trouble-" + UUID.randomUUID(), "workflows:read");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token);
    }
}
