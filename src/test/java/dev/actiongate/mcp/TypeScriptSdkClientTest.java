package dev.actiongate.mcp;

import dev.actiongate.local.EmbeddedIdentityProvider;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.NodePackage;
import dev.actiongate.testing.TestIdentityProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP TypeScript SDK's own client and OAuth flow (what Claude Code, Cursor and the MCP Inspector build on)
 * against the local server with its embedded provider: it finds the bridge from the 401, registers, signs in
 * through the consent page with PKCE and {@code resource}, and calls tools. The script and its pinned SDK live in
 * {@code src/test/node/mcp-client}, installed there on first run ({@link NodePackage}: skipped without Node.js,
 * unless {@code ACTIONGATE_NODE_TESTS=required}, as in CI, when that is a failure).
 */
class TypeScriptSdkClientTest {

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
        NodePackage client = NodePackage.installed("mcp-client", "node_modules/@modelcontextprotocol/sdk");
        String root = gate.server().uri("/").toString().replaceAll("/$", "");

        NodePackage.Run run = client.run(List.of("node", "sign-in.mjs"), Map.of("ACTIONGATE_URL", root, "PERSON", "ts-sdk@example.com"), 90);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("registered: none"), run.output());
        assertTrue(run.output().contains("authorize: resource=" + root + "/mcp method=S256"), run.output());
        assertTrue(run.output().contains("callback: http://127.0.0.1:53999/callback iss=" + root), run.output());
        assertTrue(run.output().contains("tokens: refresh=yes"), run.output());
        assertTrue(run.output().contains("protocol: 2025-11-25"), run.output());
        assertTrue(run.output().contains("getMe: subject=ts-sdk@example.com isError=false"), run.output());
    }
}
