package dev.actiongate.bench;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.DynamoDbProxy;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a caller pays when DynamoDB is in trouble: a metered {@code GET /api/me} and a whole GPT sign-in
 * (authorize, the provider's page, callback, ChatGPT's double {@code /token} POST, a refresh from two
 * nodes) through the Lambda handler, with the table up, unreachable (connection refused) and slow (a
 * socket that accepts and never answers). Each condition gets a fresh handler with the default budget
 * and breaker settings, so its first calls show the cost before the breaker opens. The handler, the
 * provider and DynamoDB Local share this JVM, warmed up first with the table up.
 * <p>
 * {@code bench/table-trouble.sh} (environment: BENCH_CALLS=300 BENCH_SIGN_INS=10)
 */
public final class TableTrouble {

    private static final int CALLS = setting("BENCH_CALLS", 300);
    private static final int SIGN_INS = setting("BENCH_SIGN_INS", 10);

    private TableTrouble() {
    }

    public static void main(String[] args) throws Exception {
        try {
            benchmark();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        // DynamoDB Local and the provider leave non-daemon threads behind
        System.exit(0);
    }

    private static void benchmark() throws Exception {
        try (TestIdentityProvider idp = TestIdentityProvider.withSignInPage()) {
            try (DynamoDbProxy table = DynamoDbProxy.startingUp(); Transport gate = new LambdaTransport(table.settings(idp.settings()))) {
                measure(gate, idp, Math.max(50, CALLS / 2), Math.max(3, SIGN_INS / 2)); // warm-up, not reported
            }
            List<String[]> me = new ArrayList<>();
            List<String[]> signIns = new ArrayList<>();
            for (String condition : List.of("up", "unreachable", "slow")) {
                // A handler for each, as ApiFunction and OAuthFunction are apart on AWS, each with its own breaker.
                try (DynamoDbProxy table = start(condition); Transport api = new LambdaTransport(table.settings(idp.settings()));
                     Transport oauth = new LambdaTransport(table.settings(idp.settings()))) {
                    me.add(row(condition, measure(api, idp, CALLS, 0).me()));
                    signIns.add(row(condition, measure(oauth, idp, 0, SIGN_INS).signIns()));
                }
            }
            System.out.println("## Metered GET /api/me through the Lambda handler: " + CALLS + " calls, one after the other, fresh handler per condition");
            System.out.println();
            table(me);
            System.out.println();
            System.out.println("## Whole sign-in (authorize, sign-in page, callback, double /token POST, refresh from two nodes): "
                    + SIGN_INS + " in a row, fresh handler per condition");
            System.out.println();
            table(signIns);
            System.out.println();
        }
    }

    private record Result(List<Double> me, List<Double> signIns) {
    }

    private static Result measure(Transport gate, TestIdentityProvider idp, int calls, int signIns) throws Exception {
        String token = idp.accessToken("bench-" + System.nanoTime(), "workflows:read");
        List<Double> me = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            me.add(timed(() -> expect(200, gate.get("/api/me", Map.of("authorization", "Bearer " + token)))));
        }
        List<Double> whole = new ArrayList<>();
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        for (int i = 0; i < signIns; i++) {
            whole.add(timed(() -> signIn(chatGpt)));
        }
        return new Result(me, whole);
    }

    private static Transport.Answer signIn(ChatGptAndBrowser chatGpt) {
        String code = chatGpt.signIn("bench@example.com", "workflows:read", "bench").code();
        CompletableFuture<Transport.Answer> second = CompletableFuture.supplyAsync(() -> chatGpt.redeemWithBasic(code));
        Transport.Answer first = expect(200, chatGpt.redeemWithPost(code));
        if (!first.body().equals(expect(200, second.join()).body())) {
            throw new AssertionError("the double POST got two different answers");
        }
        String refreshToken = (String) ChatGptAndBrowser.json(first).get("refresh_token");
        Transport.Answer refreshed = expect(200, chatGpt.refreshWithBasic(refreshToken));
        if (!refreshed.body().equals(expect(200, chatGpt.refreshWithBasic(refreshToken)).body())) {
            throw new AssertionError("the second refresh got another answer");
        }
        return refreshed;
    }

    private static DynamoDbProxy start(String condition) {
        return switch (condition) {
            case "unreachable" -> DynamoDbProxy.startingUnreachable();
            case "slow" -> DynamoDbProxy.startingSlow();
            default -> DynamoDbProxy.startingUp();
        };
    }

    private static double timed(Supplier<Transport.Answer> call) {
        long started = System.nanoTime();
        call.get();
        return (System.nanoTime() - started) / 1e6;
    }

    private static Transport.Answer expect(int status, Transport.Answer answer) {
        if (answer.status() != status) {
            throw new AssertionError("answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** condition, first, worst of the next four, p50, p99, max (ms) */
    private static String[] row(String condition, List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(Double::compare);
        double nextFour = times.subList(1, Math.min(times.size(), 5)).stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new String[] {condition, ms(times.getFirst()), ms(nextFour), ms(percentile(sorted, 50)), ms(percentile(sorted, 99)),
                ms(sorted.getLast())};
    }

    private static void table(List<String[]> rows) {
        System.out.println("| table | first ms | slowest of the 2nd to 5th ms | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }

    private static double percentile(List<Double> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percentile / 100.0) - 1));
    }

    private static String ms(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    private static int setting(String variable, int otherwise) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }
}
