package dev.actiongate.gpt;

import dev.actiongate.testing.Gates;
import dev.actiongate.testing.NodePackage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The document the running server serves at {@code /openapi.json}, linted as GPT builders and API teams lint
 * theirs: Redocly CLI with its recommended rules and Spectral with {@code spectral:oas}, both pinned in
 * {@code src/test/node/openapi-lint} ({@link NodePackage}: skipped without Node.js unless
 * {@code ACTIONGATE_NODE_TESTS=required}). Neither may find anything, not even a warning. (Redocly's rules are its
 * recommended set less {@code info-license}: see {@code redocly.yaml}.)
 */
class OpenApiLintTest {

    private static final Map<String, String> QUIET = Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true",
            "NO_COLOR", "1");

    /** Served with the root it has on AWS right after {@code sam deploy}; Redocly takes a localhost server for a placeholder. */
    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.public-base-url", "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com");

    private static Path document;

    @BeforeAll
    static void fetchTheServedDocument() throws IOException {
        HttpResponse<String> served = gates.server().get("/openapi.json");
        assertEquals(200, served.statusCode());
        document = Files.createTempFile("actiongate-openapi", ".json");
        Files.writeString(document, served.body());
    }

    @AfterAll
    static void removeIt() throws IOException {
        if (document != null) {
            Files.deleteIfExists(document);
        }
    }

    @Test
    void redoclyFindsNothing() throws Exception {
        NodePackage lint = NodePackage.installed("openapi-lint", "node_modules/.bin/redocly");

        NodePackage.Run run = lint.run(List.of(bin(lint, "redocly"), "lint", "--config", "redocly.yaml", "--format", "json",
                document.toString()), QUIET, 120);

        Map<String, Object> report = json(run);
        assertEquals(Map.of("errors", 0, "warnings", 0), counts(report), run.output());
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void spectralFindsNothing() throws Exception {
        NodePackage lint = NodePackage.installed("openapi-lint", "node_modules/.bin/spectral");

        NodePackage.Run run = lint.run(List.of(bin(lint, "spectral"), "lint", "--ruleset", ".spectral.yaml", "--format", "json",
                "--quiet", document.toString()), QUIET, 120);

        assertEquals("[]", run.output().strip(), "Spectral's findings (severity 0 error, 1 warning, 2 info, 3 hint)");
        assertEquals(0, run.exitCode(), run.output());
    }

    private static String bin(NodePackage lint, String tool) {
        return lint.directory().toAbsolutePath().resolve("node_modules/.bin").resolve(tool).toString();
    }

    private static Map<String, Object> json(NodePackage.Run run) throws IOException {
        String output = run.output();
        int start = output.indexOf('{');
        if (start < 0) {
            throw new AssertionError("no JSON report: " + output);
        }
        return JsonMapper.createDefault().readValue(output.substring(start), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> report) {
        Map<String, Object> totals = (Map<String, Object>) report.get("totals");
        return Map.of("errors", totals.get("errors"), "warnings", totals.get("warnings"));
    }
}
