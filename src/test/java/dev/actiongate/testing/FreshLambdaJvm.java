package dev.actiongate.testing;

import dev.actiongate.config.InvalidSettingException;

import java.io.IOException;
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
 * A new JVM on the Lambda jar alone (plus {@link HandlerProbe}), configured through environment
 * variables as Lambda configures the functions. Needs {@code target/actiongate-lambda.jar}: the
 * package phase makes it.
 */
public final class FreshLambdaJvm {

    public static final Path JAR = Path.of("target/actiongate-lambda.jar");
    /** The probe's classes alone in a jar (an AOT cache accepts only jars on the class path). */
    private static final Path PROBE = Path.of("target/handler-probe.jar");
    private static final Path LOG = Path.of("target/handler-probe.log");

    private final Map<String, String> environment;

    private FreshLambdaJvm(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Settings as Lambda would have them, environment variables only, for one of the two functions. */
    public static FreshLambdaJvm configured(Map<String, Object> settings, String function) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -B -DskipTests package first");
        }
        packProbe();
        Map<String, String> env = new HashMap<>();
        settings.forEach((property, value) -> env.put(InvalidSettingException.environmentVariable(property), value.toString()));
        env.put("ACTIONGATE_FUNCTION", function);
        // Lambda sets these; DynamoDB Local keeps one namespace per key and region, the test table's is local/us-east-1.
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return new FreshLambdaJvm(env);
    }

    public FreshLambdaJvm with(String variable, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(variable, value);
        return new FreshLambdaJvm(more);
    }

    /**
     * Runs {@link HandlerProbe} with these JVM options and arguments.
     *
     * @return what it measured: status, initMs, firstInvokeMs, uptimeMs, heap and RSS, p50Us/p99Us when warm
     */
    public Map<String, String> probe(List<String> jvmOptions, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // e.g. BENCH_JVM="-XX:StartFlightRecording=filename=target/probe-%p.jfr" to profile the probes
        String extra = System.getenv("BENCH_JVM");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", JAR + ":" + PROBE, HandlerProbe.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        builder.environment().putAll(environment);
        // BENCH_STDOUT=file: the probe's stdout is a file, not a pipe this JVM reads (as Lambda's runtime reads one),
        // which shows what writing the log lines costs apart from waking a reader
        Path stdout = "file".equals(System.getenv("BENCH_STDOUT")) ? Files.createTempFile(Path.of("target"), "probe-stdout", ".log") : null;
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        Process process = builder.start();
        String out = stdout == null ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() : "";
        if (stdout != null) {
            process.waitFor();
            try (Stream<String> lines = Files.lines(stdout)) {
                out = lines.filter(line -> line.startsWith("status=")).findFirst().orElse("");
            }
            Files.delete(stdout);
        }
        String result = out.lines().filter(line -> line.startsWith("status=")).findFirst().orElse(null);
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the probe failed (its log: " + LOG + "): " + out);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : result.split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    private static synchronized void packProbe() throws IOException {
        Path from = Path.of("target/test-classes/dev/actiongate/testing");
        try (Stream<Path> classes = Files.list(from);
             JarOutputStream jar = new JarOutputStream(Files.newOutputStream(PROBE))) {
            for (Path file : classes.filter(f -> f.getFileName().toString().startsWith("HandlerProbe")).toList()) {
                jar.putNextEntry(new JarEntry("dev/actiongate/testing/" + file.getFileName()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
    }
}
