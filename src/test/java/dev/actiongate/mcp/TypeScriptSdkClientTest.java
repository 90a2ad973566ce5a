package dev.actiongate.mcp;

import dev.actiongate.local.EmbeddedIdentityProvider;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP TypeScript SDK's own client and OAuth flow (what Claude Code, Cursor and the MCP Inspector build on)
 * against the local server with its embedded provider: it finds the bridge from the 401, registers, signs in
 * through the consent page with PKCE and {@code resource}, and calls tools. The script and its pinned SDK live in
 * {@code src/test/node/mcp-client}; the SDK is installed there with {@code npm ci} on first run. Without Node.js
 * the test is skipped, unless {@code ACTIONGATE_NODE_TESTS=required} (as in CI), when that is a failure.
 */
class TypeScriptSdkClientTest {

    private static final Path CLIENT = Path.of("src/test/node/mcp-client");

    private static MockOAuth2Server provider;
    private static HttpTransport gate;

    @BeforeAll
    static void start() {
        provider = EmbeddedIdentityProvider.start(0);
        String issuer = provider.issuerUrl(EmbeddedIdentityProvider.ISSUER_ID).toString();
        gate = new HttpTransport(TestIdentityProvider.bridgeSettings(issuer, EmbeddedIdentityProvider.AUDIENCE));
    }

    @AfterAll
    static void stop() {
        if (gate != null) {
            gate.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void theTypeScriptSdksClientRegistersSignsInThroughTheConsentPageAndCallsATool() throws Exception {
        installTheSdk();
        String root = gate.server().uri("/").toString().replaceAll("/$", "");

        Run run = run(List.of("node", "sign-in.mjs"), Map.of("ACTIONGATE_URL", root, "PERSON", "ts-sdk@example.com"), 90);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("registered: none"), run.output());
        assertTrue(run.output().contains("authorize: resource=" + root + "/mcp method=S256"), run.output());
        assertTrue(run.output().contains("callback: http://127.0.0.1:53999/callback iss=" + root), run.output());
        assertTrue(run.output().contains("tokens: refresh=yes"), run.output());
        assertTrue(run.output().contains("protocol: 2025-11-25"), run.output());
        assertTrue(run.output().contains("getMe: subject=ts-sdk@example.com isError=false"), run.output());
    }

    private static void installTheSdk() throws InterruptedException {
        boolean required = "required".equals(System.getenv("ACTIONGATE_NODE_TESTS"));
        try {
            if (!Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"))) {
                Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
                if (install.exitCode() != 0) {
                    throw new IOException("npm ci failed: " + install.output());
                }
            }
        } catch (IOException e) {
            if (required) {
                throw new AssertionError("ACTIONGATE_NODE_TESTS=required, but the TypeScript SDK could not be installed", e);
            }
            Assumptions.abort("Node.js and npm are needed for this test: " + e.getMessage());
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("actiongate-node", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + timeoutSeconds + " s: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
