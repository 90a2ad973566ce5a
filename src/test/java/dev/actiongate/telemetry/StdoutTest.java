package dev.actiongate.telemetry;

import dev.actiongate.testing.CapturedOutput;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Lambda invocation's lines reach stdout in one write, still one JSON object per line; a warning is written at once.
 * What stdout receives is recorded write by write (System.out replaced for the test, as the Lambda runtime replaces it).
 */
class StdoutTest {

    private static final Logger LOG = LoggerFactory.getLogger("dev.actiongate.test");

    private final List<String> writes = new ArrayList<>();
    private PrintStream original;

    @BeforeEach
    void recordStdout() {
        original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), false, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (writes) {
                    writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
                }
            }
        });
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(original);
    }

    @Test
    void anInvocationsAccessLineAndMetricsAreOneWriteOfOneJsonObjectPerLine() {
        try (TestIdentityProvider idp = new TestIdentityProvider(); LambdaTransport lambda = new LambdaTransport(idp.settings())) {
            String token = idp.accessToken("ines", "workflows:read");
            writes.clear();

            assertEquals(200, lambda.get("/api/me", Map.of("Authorization", "Bearer " + token)).status());
        }

        List<String> invocation = recorded().stream().filter(write -> write.contains("\"dev.actiongate.access\"")).toList();
        assertEquals(1, invocation.size(), "the access line is in one write: " + recorded());
        List<String> lines = invocation.getFirst().lines().toList();
        assertTrue(invocation.getFirst().endsWith("\n"));
        assertTrue(lines.size() >= 2, "the access line and the call's metric document: " + lines);
        lines.forEach(CapturedOutput::parse);
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"_aws\"") && line.contains("\"Call\"")), lines.toString());
    }

    @Test
    void aWarningInsideAnInvocationIsWrittenAtOnceAfterTheLinesBeforeIt() {
        Stdout.hold();
        try {
            LOG.info("first");
            assertEquals(List.of(), recorded(), "an INFO line waits for the end of the invocation");
            LOG.warn("then a warning");
            assertEquals(1, recorded().size(), "the warning and what came before it, at once: " + recorded());
            List<String> lines = recorded().getFirst().lines().toList();
            assertEquals(List.of("first", "then a warning"), lines.stream().map(line -> CapturedOutput.parse(line).get("message")).toList());
            LOG.info("last");
        } finally {
            Stdout.release();
        }
        assertEquals(2, recorded().size());
        assertEquals("last", CapturedOutput.parse(recorded().get(1).strip()).get("message"));
    }

    @Test
    void outsideAnInvocationEveryLineIsWrittenAtOnce() {
        LOG.info("one");
        LOG.info("two");

        assertEquals(List.of("one", "two"), recorded().stream().map(write -> CapturedOutput.parse(write.strip()).get("message")).toList());
    }

    @Test
    void anInvocationThatLogsMoreThanTheLimitIsWrittenBeforeItEnds() {
        Stdout.hold();
        try {
            String kilobyte = "x".repeat(1024);
            for (int i = 0; i * 1024 <= Stdout.MAX_HELD_BYTES; i++) {
                LOG.info(kilobyte);
            }
            assertEquals(1, recorded().size(), "written once the limit was passed");
        } finally {
            Stdout.release();
        }
    }

    @Test
    void aLineThatFailsHalfwayIsDroppedWholeAndTheNextLinesAreStillOneJsonObjectEach() {
        List<String> invocation;
        Stdout.hold();
        try {
            Stdout.json(json -> json.writeStringField("first", "kept"));
            Stdout.json(json -> {
                json.writeStringField("half", "written");
                throw new IllegalStateException("a bug in the line");
            });
            Stdout.json(json -> json.writeStringField("last", "kept"));
        } finally {
            Stdout.release();
        }
        synchronized (writes) {
            invocation = writes.stream().flatMap(String::lines).filter(line -> line.contains("kept") || line.contains("written")
                    || line.contains("not written")).toList();
        }

        List<Map<String, Object>> lines = invocation.stream().map(CapturedOutput::parse).toList();
        assertEquals(3, lines.size(), invocation.toString());
        assertEquals(Map.of("first", "kept"), lines.get(0));
        assertEquals("A log line was not written: java.lang.IllegalStateException: a bug in the line", lines.get(1).get("message"));
        assertEquals(Map.of("last", "kept"), lines.get(2));
    }

    private List<String> recorded() {
        synchronized (writes) {
            return writes.stream().filter(write -> write.contains("\"dev.actiongate.test\"") || write.contains("\"dev.actiongate.access\"")
                    || write.contains("\"_aws\"")).toList();
        }
    }
}
