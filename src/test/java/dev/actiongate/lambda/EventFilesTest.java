package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.LambdaHandler;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event in events/ (the files for sam local invoke) through the Lambda handler class. */
class EventFilesTest {

    private static final Path EVENTS = Path.of("events");
    private static final String TOKEN_PLACEHOLDER = "REPLACE_WITH_ACCESS_TOKEN";
    private static final String CLIENT_ID_PLACEHOLDER = "REPLACE_WITH_GPT_CLIENT_ID";

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final TestIdentityProvider idp = gates.provider();
    private final LambdaHandler handler = gates.lambda().handler();

    static Stream<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void answersWithTheExpectedStatus(Path file) throws IOException {
        String event = Files.readString(file).replace(TOKEN_PLACEHOLDER, idp.accessToken("alice", "workflows:read"))
                .replace(CLIENT_ID_PLACEHOLDER, TestIdentityProvider.GPT_CLIENT_ID);

        APIGatewayV2HTTPResponse response = handler.invoke(event);

        assertEquals(expectedStatus(file), response.getStatusCode(), response.getBody());
        if (response.getStatusCode() / 100 == 3) {
            assertTrue(response.getHeaders().get("Location").startsWith(idp.issuer()), "a redirect goes to the identity provider");
        } else {
            assertFalse(response.getBody() == null || response.getBody().isBlank(), "every other answer has a body");
        }
    }

    @Test
    void everyEventFileHasAnExpectedStatusAndEveryStatusAFile() throws IOException {
        List<String> files = eventFiles().map(file -> file.getFileName().toString()).toList();

        assertTrue(files.size() >= 13, files.toString());
        assertEquals(expected().stringPropertyNames().stream().sorted().toList(), files);
    }

    /** What an MCP client reads from the MCP events' answers: the tool's result, and where to sign in. */
    @Test
    void theMcpEventsGetAToolResultAndADiscoveryChallenge() throws IOException {
        String token = idp.accessToken("alice", "workflows:read");
        APIGatewayV2HTTPResponse call = handler.invoke(Files.readString(EVENTS.resolve("mcp-tools-call.json")).replace(TOKEN_PLACEHOLDER, token));
        APIGatewayV2HTTPResponse unauthenticated = handler.invoke(Files.readString(EVENTS.resolve("mcp-unauthenticated.json")));

        assertTrue(call.getBody().contains("\"structuredContent\":{\"subject\":\"alice\""), call.getBody());
        assertTrue(unauthenticated.getHeaders().get("WWW-Authenticate").startsWith("Bearer resource_metadata=\"https://abc123def4.execute-api."
                + "eu-west-1.amazonaws.com/.well-known/oauth-protected-resource/mcp\""), unauthenticated.getHeaders().toString());
    }

    private static int expectedStatus(Path file) throws IOException {
        return Integer.parseInt(expected().getProperty(file.getFileName().toString()));
    }

    private static Properties expected() throws IOException {
        Properties statuses = new Properties();
        try (Reader reader = Files.newBufferedReader(EVENTS.resolve("expected-status.properties"))) {
            statuses.load(reader);
        }
        return statuses;
    }
}
