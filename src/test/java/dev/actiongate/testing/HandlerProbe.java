package dev.actiongate.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.actiongate.lambda.ActionGateFunction;
import dev.actiongate.lambda.InvocationContext;

import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs in a fresh JVM on the Lambda jar alone, configured through the environment as on Lambda:
 * constructs the handler (the init phase) and hands it one API Gateway v2 event (the first invoke).
 * With {@code warm N}, then sends the same event N more times and reports p50/p99 of the second half.
 * Prints one line of {@code key=value} pairs for {@link FreshLambdaJvm} to read.
 * <p>
 * Arguments: {@code cold|warm <count>}, method, path, raw query and, for {@code POST /mcp}, the JSON-RPC
 * message; the bearer token comes from {@code BENCH_TOKEN}. Besides the Lambda jar, only this class is on
 * its class path.
 */
public final class HandlerProbe {

    private HandlerProbe() {
    }

    private static final InvocationContext CONTEXT = InvocationContext.next();

    public static void main(String[] args) throws Exception {
        boolean warm = args[0].equals("warm");
        int count = warm ? Integer.parseInt(args[1]) : 0;
        int at = warm ? 2 : 1;
        APIGatewayV2HTTPEvent event = event(args[at], args[at + 1], args.length > at + 2 ? args[at + 2] : "",
                args.length > at + 3 ? args[at + 3] : null, System.getenv("BENCH_TOKEN"));

        long start = System.nanoTime();
        ActionGateFunction handler = new ActionGateFunction();
        long initialised = System.nanoTime();
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, CONTEXT);
        long answered = System.nanoTime();
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        if (first.getStatusCode() >= 400) {
            System.err.println("first answer " + first.getStatusCode() + ": " + first.getBody());
        }
        StringBuilder line = new StringBuilder()
                .append("status=").append(first.getStatusCode())
                // a JSON-RPC answer is a 200 whether the call succeeded or not
                .append(" rpcFailed=").append(first.getBody() != null && (first.getBody().contains("\"isError\":true")
                        || first.getBody().contains("\"error\":{\"code\"")))
                .append(" initMs=").append(millis(initialised - start))
                .append(" firstInvokeMs=").append(millis(answered - initialised))
                .append(" uptimeMs=").append(jvmUptime)
                .append(memory("AfterInit"));
        if (warm) {
            long[] nanos = new long[count];
            // CPU time of the calling thread too: on a machine busy with other work it is what the call costs,
            // where the wall clock also counts the time the thread waited for a core
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long[] cpuNanos = new long[count];
            for (int i = 0; i < count; i++) {
                long before = System.nanoTime();
                long cpuBefore = threads.getCurrentThreadCpuTime();
                APIGatewayV2HTTPResponse response = handler.handleRequest(event, CONTEXT);
                cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuBefore;
                nanos[i] = System.nanoTime() - before;
                if (response.getStatusCode() != first.getStatusCode()) {
                    throw new IllegalStateException("call " + i + " answered " + response.getStatusCode());
                }
            }
            long allocatedPerCall = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / count;
            long[] measured = Arrays.copyOfRange(nanos, count / 2, count);
            Arrays.sort(measured);
            long[] cpu = Arrays.copyOfRange(cpuNanos, count / 2, count);
            Arrays.sort(cpu);
            line.append(" p50Us=").append(micros(measured[measured.length / 2]))
                    .append(" cpuP50Us=").append(micros(cpu[cpu.length / 2]))
                    .append(" kbPerCall=").append(String.format("%.1f", allocatedPerCall / 1024.0))
                    .append(" p99Us=").append(micros(measured[(int) (measured.length * 0.99)]))
                    .append(memory("AfterWarm"));
        }
        System.out.println(line);
        System.exit(0);
    }

    private static String memory(String when) throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1L);
        return " heapMb" + when + "=" + mb(heap) + " rssMb" + when + "=" + mb(rss);
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private static String micros(long nanos) {
        return String.format("%.1f", nanos / 1e3);
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1048576.0);
    }

    /** What API Gateway's HTTP API hands the function (payload format 2.0); a body is an MCP client's JSON-RPC message. */
    static APIGatewayV2HTTPEvent event(String method, String path, String query, String body, String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
        headers.put("x-forwarded-proto", "https");
        headers.put("accept", "application/json");
        headers.put("user-agent", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ChatGPT-User/1.0)");
        if (token != null && !token.isEmpty()) {
            headers.put("authorization", "Bearer " + token);
        }
        if (body != null) {
            headers.put("content-type", "application/json");
            headers.put("accept", "application/json, text/event-stream");
            headers.put("mcp-protocol-version", "2025-11-25");
            headers.put("user-agent", "claude-code/2.1");
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString(query).withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : parameters(query))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default").withRequestId("bench")
                        .withDomainName("abc123.execute-api.eu-west-1.amazonaws.com")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("203.0.113.10").build())
                        .build())
                .build();
    }

    /** API Gateway's decoded form of the query (values of a repeated name joined with commas). */
    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.merge(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> a + "," + b);
        }
        return parameters;
    }
}
