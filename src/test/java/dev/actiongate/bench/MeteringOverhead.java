package dev.actiongate.bench;

import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.testing.TestIdentityProvider;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What metering adds to a call: the same authorized, metered route on two local servers, one with
 * metering (quota check and count against DynamoDB Local) and one without, called one after the
 * other over loopback. Prints median and p99 of each and the difference.
 * <p>
 * {@code ./mvnw -q test-compile exec:exec -Dexec.mainClass=dev.actiongate.bench.MeteringOverhead}
 */
public final class MeteringOverhead {

    private static final int WARM_UP = 1_000;
    private static final int MEASURED = 3_000;

    private MeteringOverhead() {
    }

    public static void main(String[] args) throws Exception {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.usage.daily-quota.standard", "1000000");
            Map<String, Object> unmetered = new LinkedHashMap<>(settings);
            unmetered.put("actiongate.usage.metering-enabled", "false");
            String token = idp.accessToken("bench-" + System.nanoTime(), "workflows:trigger");
            HttpClient client = HttpClient.newHttpClient();
            try (RunningActionGate metered = new RunningActionGate(settings); RunningActionGate plain = new RunningActionGate(unmetered)) {
                HttpRequest meteredCall = HttpRequest.newBuilder(metered.uri("/api/test-scoped")).header("Authorization", "Bearer " + token).build();
                HttpRequest plainCall = HttpRequest.newBuilder(plain.uri("/api/test-scoped")).header("Authorization", "Bearer " + token).build();
                time(client, meteredCall, WARM_UP);
                time(client, plainCall, WARM_UP);
                List<Long> with = new ArrayList<>();
                List<Long> without = new ArrayList<>();
                for (int i = 0; i < MEASURED; i++) {
                    with.add(time(client, meteredCall, 1).getFirst());
                    without.add(time(client, plainCall, 1).getFirst());
                }
                Collections.sort(with);
                Collections.sort(without);
                System.out.printf("%d calls each, sequential, loopback, DynamoDB Local in-process%n", MEASURED);
                System.out.printf("metered:   median %.2f ms, p99 %.2f ms%n", ms(with, 50), ms(with, 99));
                System.out.printf("unmetered: median %.2f ms, p99 %.2f ms%n", ms(without, 50), ms(without, 99));
                System.out.printf("added by metering: median %.2f ms, p99 %.2f ms%n", ms(with, 50) - ms(without, 50), ms(with, 99) - ms(without, 99));
            }
        }
        System.exit(0);
    }

    private static List<Long> time(HttpClient client, HttpRequest request, int times) throws Exception {
        List<Long> nanos = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            nanos.add(System.nanoTime() - start);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("answered " + response.statusCode());
            }
        }
        return nanos;
    }

    private static double ms(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
    }
}
