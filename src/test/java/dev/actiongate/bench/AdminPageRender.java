package dev.actiongate.bench;

import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Face;
import dev.actiongate.testing.Browser;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LocalDynamoDb;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import dev.actiongate.usage.UsageOperations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long {@code GET /admin} takes with {@code ITEMS} usage counter items in the table (DynamoDB Local in
 * this JVM, the local server over loopback): the items are spread over the page's 30 days, one per person
 * and day, then an admin signs in and the page is asked for again and again. Prints median, p90 and max.
 * <p>
 * {@code ./mvnw -q test-compile exec:exec -Dexec.mainClass=dev.actiongate.bench.AdminPageRender}
 */
public final class AdminPageRender {

    private static final int ITEMS = 10_000;
    private static final int DAYS = 30;
    private static final int WARM_UP = 5;
    private static final int MEASURED = 20;
    private static final List<String> OPERATIONS = List.of("listRuns", "getRun", "getRunLogs", "triggerWorkflow", "listWorkflows", "getMe");

    private AdminPageRender() {
    }

    public static void main(String[] args) throws Exception {
        try (TestIdentityProvider idp = TestIdentityProvider.withSignInPage()) {
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.usage.call-timeout", "5s");
            String run = "render-" + System.nanoTime() + "-";
            seed(LocalDynamoDb.shared().client(), run);
            try (HttpTransport gate = new HttpTransport(settings)) {
                Browser browser = new Browser(gate);
                Transport.Answer start = browser.get("/admin");
                URI callback = URI.create(new ChatGptAndBrowser(gate, idp).signInAtProvider(start.header("location"), "bench-admin@example.com", "admin"));
                Transport.Answer back = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
                long[] millis = new long[MEASURED];
                String body = "";
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    long started = System.nanoTime();
                    Transport.Answer page = browser.get(back.header("location"));
                    long took = (System.nanoTime() - started) / 1_000_000;
                    if (page.status() != 200) {
                        throw new IllegalStateException("GET /admin answered " + page.status() + ": " + page.body());
                    }
                    body = page.body();
                    if (i >= WARM_UP) {
                        millis[i - WARM_UP] = took;
                    }
                }
                Arrays.sort(millis);
                UsageOperations usage = gate.server().context().getBean(UsageOperations.class);
                Caller admin = new Caller("bench-admin@example.com", null, null, null, Set.of("admin"), null, "standard", Face.GPT);
                long[] reads = new long[MEASURED];
                for (int i = 0; i < MEASURED; i++) {
                    long started = System.nanoTime();
                    usage.overview(admin, DAYS);
                    reads[i] = (System.nanoTime() - started) / 1_000_000;
                }
                Arrays.sort(reads);
                System.out.printf("GET /admin with %,d usage items over %d days: median %d ms, p90 %d ms, max %d ms (%d requests); page %,d characters%n",
                        ITEMS, DAYS, millis[MEASURED / 2], millis[MEASURED * 9 / 10], millis[MEASURED - 1], MEASURED, body.length());
                System.out.printf("of which the usage figures (30 byDay queries and the refusals): median %d ms%n", reads[MEASURED / 2]);
            }
        }
    }

    /** The counters metering would have written: one item per person and day, as DynamoUsageStore lays them out. */
    private static void seed(DynamoDbClient dynamoDb, String run) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String ttl = Long.toString(Instant.now().plusSeconds(86_400).getEpochSecond());
        List<WriteRequest> batch = new ArrayList<>();
        int people = ITEMS / DAYS + 1;
        int written = 0;
        long started = System.nanoTime();
        for (int person = 0; person < people && written < ITEMS; person++) {
            for (int back = 0; back < DAYS && written < ITEMS; back++) {
                String subject = run + person + "@example.com";
                String day = TableLayout.DAY_PREFIX + today.minusDays(back);
                int calls = 1 + (person + back) % 9;
                Map<String, AttributeValue> item = new HashMap<>();
                item.put(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.USAGE_PREFIX + subject));
                item.put(TableLayout.SORT_KEY, AttributeValue.fromS(day));
                item.put(TableLayout.BY_DAY_PARTITION, AttributeValue.fromS(day));
                item.put(TableLayout.BY_DAY_SORT, AttributeValue.fromS(subject));
                item.put("calls", AttributeValue.fromN(Integer.toString(calls)));
                item.put("op_" + OPERATIONS.get((person + back) % OPERATIONS.size()), AttributeValue.fromN(Integer.toString(calls)));
                item.put("face_gpt", AttributeValue.fromN(Integer.toString(calls)));
                item.put(TableLayout.TIME_TO_LIVE, AttributeValue.fromN(ttl));
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                written++;
                if (batch.size() == 25) {
                    write(dynamoDb, batch);
                }
            }
        }
        write(dynamoDb, batch);
        System.out.printf("seeded %,d usage items in %d ms%n", written, (System.nanoTime() - started) / 1_000_000);
    }

    private static void write(DynamoDbClient dynamoDb, List<WriteRequest> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<WriteRequest>> unprocessed = Map.of(LocalDynamoDb.TABLE, List.copyOf(batch));
        while (!unprocessed.isEmpty()) {
            Map<String, List<WriteRequest>> request = unprocessed;
            unprocessed = dynamoDb.batchWriteItem(write -> write.requestItems(request)).unprocessedItems();
        }
        batch.clear();
    }
}
