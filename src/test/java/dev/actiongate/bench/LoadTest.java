package dev.actiongate.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local server (the same {@code LocalActionGate} that {@code ./mvnw -Plocal} runs, in its own JVM)
 * under load on loopback: 64 keep-alive connections send {@code GET /api/me} with a valid token as fast
 * as answers come back. Prints requests/s, p50/p99 and errors, and the server's heap and RSS after
 * start and after the run; once with metering off (token check, routing, JSON) and once with metering
 * against DynamoDB Local. The load generator shares the machine's cores with the server.
 * <p>
 * {@code bench/load.sh}
 */
public final class LoadTest {

    private static final int CONNECTIONS = setting("BENCH_CONNECTIONS", 64);
    private static final Duration WARM_UP = Duration.ofSeconds(setting("BENCH_WARMUP_SECONDS", 10));
    private static final Duration MEASURED = Duration.ofSeconds(setting("BENCH_SECONDS", 20));
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println("## Local server under load: " + CONNECTIONS + " connections, GET /api/me, " + MEASURED.toSeconds()
                    + " s measured after " + WARM_UP.toSeconds() + " s warm-up");
            System.out.println();
            System.out.println("| metering | requests/s | p50 ms | p99 ms | errors | server CPU (cores) | requests per server CPU-second "
                    + "| heap after start MB | RSS after start MB | heap after load MB | RSS after load MB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            run("off (token check, routing, JSON)", "false");
            if (!"off".equals(System.getenv("BENCH_METERING"))) {
                run("on (DynamoDB Local, same JVM)", "true");
            }
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String label, String metering) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dsqlite4java.library.path=target/native-libs", "-cp", System.getProperty("java.class.path"),
                "dev.actiongate.local.LocalActionGate"));
        // e.g. BENCH_SERVER_JVM="-XX:StartFlightRecording=filename=target/server-%p.jfr" to profile the server
        String extra = System.getenv("BENCH_SERVER_JVM");
        if (extra != null && !extra.isBlank()) {
            command.addAll(1, List.of(extra.trim().split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Path.of("target/load-server.log").toFile());
        builder.environment().put("ACTIONGATE_USAGE_METERING_ENABLED", metering);
        builder.environment().put("ACTIONGATE_USAGE_DAILY_QUOTA_STANDARD", "100000000");
        builder.environment().put("ACTIONGATE_LOG_LEVEL", "WARN");
        Process server = builder.start();
        try {
            String token = awaitToken();
            String[] started = memory(server.pid());
            Load warmUp = load(token, WARM_UP);
            double cpuBefore = cpuSeconds(server.pid());
            Load measured = load(token, MEASURED);
            double serverCores = (cpuSeconds(server.pid()) - cpuBefore) / MEASURED.toSeconds();
            String[] after = memory(server.pid());
            long[] sorted = measured.latencies();
            double perSecond = measured.count() / (double) MEASURED.toSeconds();
            System.out.printf("| %s | %.0f | %.2f | %.2f | %d (of %d; %d in warm-up) | %.2f | %.0f | %s | %s | %s | %s |%n", label,
                    perSecond, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                    measured.errors(), measured.count(), warmUp.errors(), serverCores, perSecond / serverCores,
                    started[0], started[1], after[0], after[1]);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** A token from the local server's embedded provider, once /api/me accepts it. */
    private static String awaitToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:8090/actiongate/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=bench&username=bench%40example.com&password=x&scope=workflows%3Aread"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher token = Pattern.compile("\"access_token\" *: *\"([^\"]+)\"").matcher(body);
                if (token.find() && http.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/api/me"))
                        .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return token.group(1);
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the local server did not answer within 60 s; see target/load-server.log");
    }

    private record Load(long count, long errors, long[] latencies) {
    }

    private static Load load(String token, Duration duration) throws InterruptedException {
        byte[] request = ("GET /api/me HTTP/1.1\r\nHost: localhost:8080\r\nAccept: application/json\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        long[][] perConnection = new long[CONNECTIONS][];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int index = c;
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> perConnection[index] = connection(request, end, errors)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = Arrays.stream(perConnection).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Load(all.length, errors.get(), all);
    }

    /** One keep-alive connection sending requests back to back; the latency of each 200. */
    private static long[] connection(byte[] request, long end, AtomicLong errors) {
        long[] latencies = new long[1 << 16];
        int count = 0;
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket("localhost", 8080)) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    out.write(request);
                    out.flush();
                    int status = readResponse(in);
                    long took = System.nanoTime() - start;
                    if (status != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    /** Reads one HTTP/1.1 response with a Content-Length; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (!length.find()) {
            throw new IOException("no Content-Length in " + head);
        }
        in.readNBytes(Integer.parseInt(length.group(1)));
        return Integer.parseInt(head.substring(9, 12));
    }

    /** Heap in use after a full collection, and resident set size, of the server process (MB). */
    private static String[] memory(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true).start();
        jcmd.getInputStream().readAllBytes();
        jcmd.waitFor();
        Process info = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.heap_info")
                .redirectErrorStream(true).start();
        String heapInfo = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = HEAP_USED.matcher(heapInfo);
        String heap = used.find() ? String.format("%.0f", Long.parseLong(used.group(1)) / 1024.0) : "?";
        String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> String.format("%.0f", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)).findFirst().orElse("?");
        return new String[] {heap, rss};
    }

    /** User plus system CPU time the process has used so far (Linux, clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static int setting(String variable, int otherwise) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }
}
