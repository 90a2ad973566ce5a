package dev.actiongate.bench;

import dev.actiongate.config.InvalidSettingException;
import dev.actiongate.testing.TestIdentityProvider;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Cold start and warm latency of the Lambda handler, each run in fresh JVMs on the Lambda jar alone
 * (see {@link HandlerProbe}), with the JVM options template.yaml gives the functions. A real OpenID
 * provider and DynamoDB Local run in this JVM. Prints a Markdown table per benchmark.
 * <p>
 * {@code bench/handler.sh} (builds the jar, then runs this).
 */
public final class HandlerBenchmarks {

    /** template.yaml's JAVA_TOOL_OPTIONS, plus the serial collector and heap Lambda gives a 1024 MB function. */
    static final List<String> LAMBDA_JVM = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx870m");
    private static final int COLD_RUNS = setting("BENCH_RUNS", 5);
    private static final int WARM_CALLS = setting("BENCH_CALLS", 20_000);
    private static final Path JAR = Path.of("target/actiongate-lambda.jar");
    private static final Path PROBE = Path.of("target/bench-probe.jar");
    private static final Path PROBE_LOG = Path.of("target/bench-probe.log");

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
        packProbe();
        String only = System.getenv().getOrDefault("BENCH_ONLY", "all");
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            Map<String, String> api = environment(idp.settings(), "api");
            api.put("BENCH_TOKEN", idp.accessToken("bench-" + System.nanoTime(), "workflows:read"));
            if (!only.equals("warm")) {
                coldStarts(api, environment(idp.settings(), "oauth"));
            }
            if (!only.equals("cold")) {
                warmLatency(api);
            }
        }
    }

    private static void coldStarts(Map<String, String> api, Map<String, String> oauth) throws Exception {
        String authorize = "response_type=code&client_id=" + TestIdentityProvider.GPT_CLIENT_ID + "&redirect_uri="
                + URLEncoder.encode(TestIdentityProvider.GPT_REDIRECT_URI, StandardCharsets.UTF_8) + "&state=bench&scope=workflows%3Aread";
        System.out.println("## Cold start (fresh JVM: handler constructed, first event answered), median of " + COLD_RUNS);
        System.out.println();
        System.out.println("| function, first event | JVM options | status | init ms | first invoke ms | JVM start to answer ms | heap after init MB | RSS after init MB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        cold("ApiFunction, GET /api/me", LAMBDA_JVM, api, "GET", "/api/me", "");
        cold("OAuthFunction, GET /authorize", LAMBDA_JVM, oauth, "GET", "/authorize", authorize);
        // JDK 25's AOT cache (JEP 483/514/515), made by one training run of the same first event
        Path aot = Path.of("target/bench-aot/api.aot");
        Files.createDirectories(aot.getParent());
        Files.deleteIfExists(aot);
        run(with(LAMBDA_JVM, "-XX:AOTCacheOutput=" + aot), api, List.of("cold", "GET", "/api/me"));
        cold("ApiFunction, GET /api/me", with(LAMBDA_JVM, "-XX:AOTCache=" + aot), api, "GET", "/api/me", "");
        System.out.println();
    }

    private static void warmLatency(Map<String, String> api) throws Exception {
        System.out.println("## Warm handler, GET /api/me with a valid token: " + WARM_CALLS + " calls in one JVM, p50/p99 of the last half");
        System.out.println();
        System.out.println("| metering | JVM options | p50 µs | p99 µs | heap after MB | RSS after MB |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, String> unmetered = new HashMap<>(api);
        unmetered.put("ACTIONGATE_USAGE_METERING_ENABLED", "false");
        warm("off (token check, routing, JSON)", LAMBDA_JVM, unmetered);
        warm("off (token check, routing, JSON)", List.of("-XX:+UseSerialGC", "-Xmx870m"), unmetered);
        warm("on (DynamoDB Local on loopback)", LAMBDA_JVM, api);
        System.out.println();
    }

    private static void cold(String label, List<String> jvm, Map<String, String> env, String method, String path, String query)
            throws Exception {
        List<Map<String, String>> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            runs.add(run(jvm, env, List.of("cold", method, path, query)));
        }
        System.out.printf("| %s | `%s` | %s | %s | %s | %s | %s | %s |%n", label, String.join(" ", jvm), runs.getFirst().get("status"),
                median(runs, "initMs"), median(runs, "firstInvokeMs"), median(runs, "uptimeMs"),
                median(runs, "heapMbAfterInit"), median(runs, "rssMbAfterInit"));
    }

    private static void warm(String label, List<String> jvm, Map<String, String> env) throws Exception {
        Map<String, String> result = run(jvm, env, List.of("warm", String.valueOf(WARM_CALLS), "GET", "/api/me", ""));
        System.out.printf("| %s | `%s` | %s | %s | %s | %s |%n", label, String.join(" ", jvm), result.get("p50Us"), result.get("p99Us"),
                result.get("heapMbAfterWarm"), result.get("rssMbAfterWarm"));
    }

    private static Map<String, String> run(List<String> jvm, Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        // e.g. BENCH_JVM="-XX:StartFlightRecording=filename=target/probe.jfr" to profile the probes
        String extra = System.getenv("BENCH_JVM");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", JAR + ":" + PROBE, HandlerProbe.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(PROBE_LOG.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String result = out.lines().filter(line -> line.startsWith("status=")).findFirst().orElse(null);
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("probe failed (its log: " + PROBE_LOG + "): " + out);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : result.split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    /** Settings as Lambda would have them: environment variables only. */
    private static Map<String, String> environment(Map<String, Object> settings, String function) {
        Map<String, String> env = new HashMap<>();
        settings.forEach((property, value) -> env.put(InvalidSettingException.environmentVariable(property), value.toString()));
        env.put("ACTIONGATE_FUNCTION", function);
        // Lambda sets these; DynamoDB Local keeps one namespace per key and region, the test table's is local/us-east-1.
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
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

    /**
     * The probe's classes alone in a jar (an AOT cache accepts only jars on the class path), so nothing
     * else from the test class path reaches the fresh JVMs.
     */
    private static void packProbe() throws IOException {
        Path from = Path.of("target/test-classes/dev/actiongate/bench");
        Files.deleteIfExists(PROBE_LOG);
        try (Stream<Path> classes = Files.list(from);
             JarOutputStream jar = new JarOutputStream(Files.newOutputStream(PROBE))) {
            for (Path file : classes.filter(f -> f.getFileName().toString().startsWith("HandlerProbe")).toList()) {
                jar.putNextEntry(new JarEntry("dev/actiongate/bench/" + file.getFileName()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -B -DskipTests package first (bench/handler.sh does)");
        }
    }
}
