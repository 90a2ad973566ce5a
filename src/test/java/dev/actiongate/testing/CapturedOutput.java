package dev.actiongate.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ActionGate writes to stdout while a test runs, byte for byte: {@code System.out} is replaced, as the Lambda
 * runtime replaces it, and what is written still reaches the stream it replaced. The log lines and the EMF documents
 * (the lines with an {@code _aws} member) come apart; the lines of the test's own servers (the identity provider,
 * WireMock, DynamoDB Local), which log through the same Logback, are left out, and so is the banner DynamoDB Local
 * prints when it starts.
 */
public final class CapturedOutput implements AutoCloseable {

    /** Loggers of the test's own servers, not ActionGate's. */
    public static final List<String> NOT_ACTIONGATE = List.of("no.nav.", "mockwebserver", "okhttp3", "wiremock", "WireMock",
            "com.amazonaws.services.dynamodbv2", "org.eclipse.jetty", "com.almworks");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A line's logger, read without parsing it (Jackson writes the fixed fields first, in one order). */
    private static final Pattern LOGGER = Pattern.compile("^\\{\"timestamp\":\"[^\"]*\",\"level\":\"[A-Z]+\",\"logger\":\"([^\"]*)\"");
    /** What DynamoDB Local prints itself when it starts: a heading, then "Name:<tab>value" lines and a blank one. */
    private static final Pattern DYNAMODB_LOCAL_BANNER = Pattern.compile("Initializing DynamoDB Local with the following configuration:|[A-Za-z]+:\t.*|");

    private final PrintStream replaced;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    public CapturedOutput() {
        replaced = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (written) {
                    written.write(bytes, offset, length);
                }
                replaced.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                replaced.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** Every log line of ActionGate's as written, newline included; the metric documents are not among them. */
    public List<String> lines() {
        return actionGateLines().stream().filter(line -> !isMetricDocument(line)).toList();
    }

    /** Every log line, parsed; fails the test on a line that is not one JSON object. */
    public List<Map<String, Object>> parsedLines() {
        return lines().stream().map(CapturedOutput::parse).toList();
    }

    /** The EMF documents written, parsed. */
    public List<Map<String, Object>> metricDocuments() {
        return rawMetricDocuments().stream().map(CapturedOutput::parse).toList();
    }

    public List<String> rawMetricDocuments() {
        return actionGateLines().stream().filter(CapturedOutput::isMetricDocument).map(String::strip).toList();
    }

    private List<String> actionGateLines() {
        String all;
        synchronized (written) {
            all = written.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        for (int start = 0, end; start < all.length(); start = end + 1) {
            end = all.indexOf('\n', start);
            if (end < 0) {
                break; // a line still being written
            }
            String line = all.substring(start, end + 1);
            Matcher logger = LOGGER.matcher(line);
            if (logger.lookingAt() ? NOT_ACTIONGATE.stream().noneMatch(logger.group(1)::contains)
                    : !DYNAMODB_LOCAL_BANNER.matcher(line.strip()).matches()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean isMetricDocument(String line) {
        return line.startsWith("{\"_aws\":");
    }

    public static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }

    @Override
    public void close() {
        System.setOut(replaced);
    }
}
