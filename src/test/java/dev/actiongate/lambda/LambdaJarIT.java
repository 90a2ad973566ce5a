package dev.actiongate.lambda;

import dev.actiongate.bench.HandlerBenchmarks;
import dev.actiongate.testing.FreshLambdaJvm;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar `sam build` ships, in a fresh JVM with nothing else on its class path, answers the first
 * request of each function, and carries nothing production does not need. Runs after package
 * (failsafe), so a dependency trimmed from the jar that production does need fails the build.
 */
class LambdaJarIT {

    /**
     * Today's size plus a little: a dependency that grows the jar noticeably has to be a decision. The MCP
     * face was one (issue 21): its SDK, Jackson databind and a JSON Schema validator, 24.8 → 27.9 MB (26.6 MiB). Metrics
     * were another (issue 23): aws-embedded-metrics with commons-lang3, javatuples and Jackson's java.time module,
     * 28.1 → 29.0 MB (27.7 MiB), until the documents were written with Jackson's generator and the library became
     * the tests' reference.
     */
    private static final long SIZE_BUDGET_BYTES = 28L * 1024 * 1024;
    private static final List<String> LAMBDA_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final TestIdentityProvider idp = gates.provider();

    @Test
    void apiFunctionAnswersAnAuthorizedGetMe() throws Exception {
        Map<String, String> answer = FreshLambdaJvm.configured(idp.settings(), "api")
                .with("BENCH_TOKEN", idp.accessToken("jar-check", "workflows:read"))
                .probe(LAMBDA_JVM, List.of("cold", "GET", "/api/me", ""));

        assertEquals("200", answer.get("status"));
    }

    /** The MCP SDK, its JSON mapper and the schema validator are all in the jar: a tools/call runs through them. */
    @Test
    void apiFunctionAnswersAnMcpToolCall() throws Exception {
        Map<String, String> answer = FreshLambdaJvm.configured(idp.settings(), "api")
                .with("BENCH_TOKEN", idp.accessToken("jar-check", "workflows:read"))
                .probe(LAMBDA_JVM, List.of("cold", "POST", "/mcp", "", HandlerBenchmarks.TOOLS_CALL_GET_ME));

        assertEquals(List.of("200", "false"), List.of(answer.get("status"), answer.get("rpcFailed")));
    }

    @Test
    void oauthFunctionSendsTheBrowserToTheProvider() throws Exception {
        String query = "response_type=code&client_id=" + TestIdentityProvider.GPT_CLIENT_ID + "&redirect_uri="
                + URLEncoder.encode(TestIdentityProvider.GPT_REDIRECT_URI, StandardCharsets.UTF_8) + "&state=jar-check&scope=workflows%3Aread";

        Map<String, String> answer = FreshLambdaJvm.configured(idp.settings(), "oauth").probe(LAMBDA_JVM, List.of("cold", "GET", "/authorize", query));

        assertEquals("302", answer.get("status"));
    }

    @Test
    void jarHoldsNoTestLocalOrDevelopmentCodeAndStaysInItsBudget() throws IOException {
        try (JarFile jar = new JarFile(FreshLambdaJvm.JAR.toFile())) {
            List<String> strays = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("dev/actiongate/local/") || name.startsWith("dev/actiongate/testing/")
                            || name.startsWith("dev/actiongate/bench/") || name.startsWith("no/nav/security/")
                            || name.startsWith("com/amazonaws/services/dynamodbv2/local/") || name.startsWith("io/micronaut/http/server/netty/")
                            || name.startsWith("com/github/tomakehurst/") || name.startsWith("org/junit/")
                            || name.startsWith("org/testcontainers/") || name.startsWith("com/amazonaws/lambda/thirdparty/")
                            || name.startsWith("org/joda/") || name.startsWith("io/netty/"))
                    .limit(5).toList();
            assertEquals(List.of(), strays);
        }
        long size = Files.size(FreshLambdaJvm.JAR);
        assertTrue(size <= SIZE_BUDGET_BYTES, "the Lambda jar grew to " + size / 1024 / 1024 + " MB");
    }
}
