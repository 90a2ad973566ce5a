package dev.actiongate.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.ssm.SsmBootstrap;
import dev.actiongate.ssm.SsmSecrets;
import dev.actiongate.testing.SsmStub;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What reading the secrets adds to a cold start: in each of several fresh JVMs, the production
 * {@link SsmBootstrap} path (client built from the environment, signed, decrypting
 * {@code GetParametersByPath}) against SSM's protocol on WireMock, run in this parent JVM. The timing
 * includes loading the AWS SDK's classes, as a cold start pays it. Each JVM then reads again with a new
 * client, as {@code SsmSecretSource} does after a SnapStart restore (classes loaded, no connection kept).
 * Prints each run and the medians.
 * <p>
 * {@code ./mvnw -q test-compile exec:exec -Dexec.mainClass=dev.actiongate.bench.SsmSecretLoad}
 */
public final class SsmSecretLoad {

    private static final int RUNS = 5;
    private static final String FOLDER = "/actiongate/bench/oauth";

    private SsmSecretLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--once")) {
            once();
            return;
        }
        WireMockServer wire = new WireMockServer(wireMockConfig().dynamicPort());
        wire.start();
        try {
            new SsmStub(wire).parameters(FOLDER, List.of(List.of(
                    Map.entry(FOLDER + "/idp-client-secret", "bench-idp-secret"),
                    Map.entry(FOLDER + "/gpt-client-secret", "bench-gpt-secret"),
                    Map.entry(FOLDER + "/state-key", "c3RhdGUta2V5LWZvci10aGUtYmVuY2gtb25seS0wMDA=="))));
            List<Double> cold = new ArrayList<>();
            List<Double> again = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                double[] took = child(wire.baseUrl());
                cold.add(took[0]);
                again.add(took[1]);
                System.out.printf("run %d: cold %.1f ms, again %.1f ms%n", run, took[0], took[1]);
            }
            Collections.sort(cold);
            Collections.sort(again);
            System.out.printf("secret load at cold start, median of %d fresh JVMs: %.1f ms (min %.1f, max %.1f)%n",
                    RUNS, cold.get(RUNS / 2), cold.getFirst(), cold.getLast());
            System.out.printf("secret reload after a restore (classes loaded), median: %.1f ms%n", again.get(RUNS / 2));
        } finally {
            wire.stop();
        }
    }

    private static double[] child(String endpoint) throws Exception {
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SsmSecretLoad.class.getName(), "--once");
        Map<String, String> env = process.environment();
        env.put(SsmSecrets.PATH_VARIABLE, FOLDER);
        env.put(SsmSecrets.ENDPOINT_VARIABLE, endpoint);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", SsmStub.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-key");
        process.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process running = process.start();
        String out = new String(running.getInputStream().readAllBytes()).trim();
        if (running.waitFor() != 0) {
            throw new IllegalStateException("run failed: " + out);
        }
        String[] both = out.split(" ");
        return new double[] {Double.parseDouble(both[0]), Double.parseDouble(both[1])};
    }

    /** In the fresh JVM: exactly what ActionGateFunction does before Micronaut starts. */
    private static void once() {
        double cold = timedLoad();
        double again = timedLoad();
        System.out.printf("%.1f %.1f%n", cold, again);
    }

    private static double timedLoad() {
        long start = System.nanoTime();
        Map<String, Object> secrets;
        secrets = SsmBootstrap.secrets().orElseThrow();
        long took = System.nanoTime() - start;
        if (secrets.size() != 3) {
            throw new IllegalStateException("expected 3 secrets, got " + secrets.keySet());
        }
        return took / 1e6;
    }
}
