package dev.actiongate.bench;

import dev.actiongate.testing.FreshLambdaJvm;
import dev.actiongate.testing.TestIdentityProvider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start and warm latency of the Lambda handler, each run in fresh JVMs on the Lambda jar alone
 * ({@link FreshLambdaJvm}), with the JVM options Lambda uses with and without SnapStart. A real OpenID
 * provider and DynamoDB Local run in this JVM. Prints a Markdown table per benchmark.
 * <p>
 * {@code bench/handler.sh} (builds the jar, then runs this).
 */
public final class HandlerBenchmarks {

    /** Lambda's java25 JIT without SnapStart (C1 only), with a serial collector and the heap of a 1024 MB function. */
    static final List<String> C1_ONLY = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx870m");
    /** With SnapStart Lambda keeps the JVM's full tiered compilation; template.yaml sets no JIT option. */
    static final List<String> FULL_JIT = List.of("-XX:+UseSerialGC", "-Xmx870m");
    /** An MCP client's call of the tool that answers what GET /api/me answers. */
    public static final String TOOLS_CALL_GET_ME = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"getMe\",\"arguments\":{}}}";
    private static final int COLD_RUNS = setting("BENCH_RUNS", 5);
    private static final int WARM_CALLS = setting("BENCH_CALLS", 20_000);

    private HandlerBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        try {
            benchmark();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // DynamoDB Local and the provider leave non-daemon threads behind
        System.exit(0);
    }

    private static void benchmark() throws Exception {
        String only = System.getenv().getOrDefault("BENCH_ONLY", "all");
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            FreshLambdaJvm api = FreshLambdaJvm.configured(idp.settings(), "api")
                    .with("BENCH_TOKEN", idp.accessToken("bench-" + System.nanoTime(), "workflows:read"));
            if (!only.equals("warm") && !only.equals("faces")) {
                coldStarts(api, FreshLambdaJvm.configured(idp.settings(), "oauth"));
            }
            if (!only.equals("cold")) {
                warmLatency(api);
            }
        }
    }

    private static void coldStarts(FreshLambdaJvm api, FreshLambdaJvm oauth) throws Exception {
        String authorize = "response_type=code&client_id=" + TestIdentityProvider.GPT_CLIENT_ID + "&redirect_uri="
                + URLEncoder.encode(TestIdentityProvider.GPT_REDIRECT_URI, StandardCharsets.UTF_8) + "&state=bench&scope=workflows%3Aread";
        System.out.println("## Cold start (fresh JVM: handler constructed, first event answered), median of " + COLD_RUNS);
        System.out.println();
        System.out.println("| function, first event | JVM options | status | init ms | first invoke ms | JVM start to answer ms | heap after init MB | RSS after init MB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        cold("ApiFunction, GET /api/me", C1_ONLY, api, "GET", "/api/me", "");
        cold("ApiFunction, POST /mcp tools/call getMe", C1_ONLY, api, "POST", "/mcp", "", TOOLS_CALL_GET_ME);
        cold("OAuthFunction, GET /authorize", C1_ONLY, oauth, "GET", "/authorize", authorize);
        cold("ApiFunction, GET /api/me", FULL_JIT, api, "GET", "/api/me", "");
        // JDK 25's AOT cache (JEP 483/514/515), made by one training run of the same first event
        Path aot = Path.of("target/bench-aot/api.aot");
        Files.createDirectories(aot.getParent());
        Files.deleteIfExists(aot);
        api.probe(with(C1_ONLY, "-XX:AOTCacheOutput=" + aot), List.of("cold", "GET", "/api/me"));
        cold("ApiFunction, GET /api/me", with(C1_ONLY, "-XX:AOTCache=" + aot), api, "GET", "/api/me", "");
        System.out.println();
    }

    private static void warmLatency(FreshLambdaJvm api) throws Exception {
        System.out.println("## Warm handler, GET /api/me and MCP tools/call getMe with a valid token: " + WARM_CALLS
                + " calls in one JVM, p50/p99 of the last half");
        System.out.println();
        System.out.println("| call | metering | JVM options | p50 µs | p99 µs | CPU p50 µs | KB allocated a call | heap after MB | RSS after MB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        FreshLambdaJvm unmetered = api.with("ACTIONGATE_USAGE_METERING_ENABLED", "false");
        warm("GET /api/me", "off (token check, routing, JSON)", FULL_JIT, unmetered, "GET", "/api/me", null);
        warm("tools/call getMe", "off (token check, routing, JSON-RPC, JSON)", FULL_JIT, unmetered, "POST", "/mcp", TOOLS_CALL_GET_ME);
        if (System.getenv().getOrDefault("BENCH_ONLY", "all").equals("faces")) {
            return; // BENCH_ONLY=faces: only the two faces side by side, as on Lambda (full JIT), without the table
        }
        warm("GET /api/me", "off (token check, routing, JSON)", C1_ONLY, unmetered, "GET", "/api/me", null);
        warm("tools/call getMe", "off (token check, routing, JSON-RPC, JSON)", C1_ONLY, unmetered, "POST", "/mcp", TOOLS_CALL_GET_ME);
        warm("GET /api/me", "on (DynamoDB Local on loopback)", FULL_JIT, api, "GET", "/api/me", null);
        warm("tools/call getMe", "on (DynamoDB Local on loopback)", FULL_JIT, api, "POST", "/mcp", TOOLS_CALL_GET_ME);
        System.out.println();
    }

    private static void cold(String label, List<String> jvm, FreshLambdaJvm function, String method, String path, String query)
            throws Exception {
        cold(label, jvm, function, method, path, query, null);
    }

    private static void cold(String label, List<String> jvm, FreshLambdaJvm function, String method, String path, String query, String body)
            throws Exception {
        List<Map<String, String>> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            runs.add(function.probe(jvm, arguments(List.of("cold", method, path, query), body)));
        }
        System.out.printf("| %s | `%s` | %s | %s | %s | %s | %s | %s |%n", label, String.join(" ", jvm), runs.getFirst().get("status"),
                median(runs, "initMs"), median(runs, "firstInvokeMs"), median(runs, "uptimeMs"),
                median(runs, "heapMbAfterInit"), median(runs, "rssMbAfterInit"));
    }

    private static void warm(String call, String metering, List<String> jvm, FreshLambdaJvm function, String method, String path, String body)
            throws Exception {
        Map<String, String> result = function.probe(jvm, arguments(List.of("warm", String.valueOf(WARM_CALLS), method, path, ""), body));
        System.out.printf("| %s | %s | `%s` | %s | %s | %s | %s | %s | %s |%n", call, metering, String.join(" ", jvm), result.get("p50Us"),
                result.get("p99Us"), result.get("cpuP50Us"), result.get("kbPerCall"), result.get("heapMbAfterWarm"), result.get("rssMbAfterWarm"));
    }

    private static List<String> arguments(List<String> arguments, String body) {
        return body == null ? arguments : with(arguments, body);
    }

    private static String median(List<Map<String, String>> runs, String key) {
        double[] values = runs.stream().mapToDouble(run -> Double.parseDouble(run.get(key))).sorted().toArray();
        return String.format("%.0f", values[values.length / 2]);
    }

    private static int setting(String variable, int otherwise) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }

    private static List<String> with(List<String> jvm, String option) {
        List<String> all = new ArrayList<>(jvm);
        all.add(option);
        return all;
    }
}
