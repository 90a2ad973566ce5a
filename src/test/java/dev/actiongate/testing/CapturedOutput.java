package dev.actiongate.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.telemetry.StdoutAppender;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ActionGate writes to stdout while a test runs, as logback.xml writes it: every log line encoded by the
 * console appender's own encoder (telemetry.JsonLogEncoder), and every EMF document of the metrics logger.
 * The test's own servers (the identity provider, WireMock, DynamoDB Local) are left out.
 */
public final class CapturedOutput implements AutoCloseable {

    /** Loggers of the test's own servers, not ActionGate's. */
    public static final List<String> NOT_ACTIONGATE = List.of("no.nav.", "mockwebserver", "okhttp3", "wiremock", "WireMock",
            "com.amazonaws.services.dynamodbv2", "org.eclipse.jetty", "com.almworks");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger root;
    private final Logger metrics;
    private final Encoder<ILoggingEvent> encoder;
    private final List<String> lines = new ArrayList<>();
    private final List<String> documents = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> logs = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (NOT_ACTIONGATE.stream().noneMatch(event.getLoggerName()::contains)) {
                // Encoded now, on the logging thread: the MDC is read where the line is logged.
                String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
                synchronized (lines) {
                    lines.add(line);
                }
            }
        }
    };
    private final AppenderBase<ILoggingEvent> emf = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            synchronized (documents) {
                documents.add(event.getFormattedMessage());
            }
        }
    };

    @SuppressWarnings("unchecked")
    public CapturedOutput() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        metrics = context.getLogger(Metrics.LOGGER);
        encoder = ((StdoutAppender) root.getAppender("STDOUT")).getEncoder();
        logs.start();
        emf.start();
        root.addAppender(logs);
        metrics.addAppender(emf);
    }

    /** Every log line as written, newline included. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Every log line, parsed; fails the test on a line that is not one JSON object. */
    public List<Map<String, Object>> parsedLines() {
        return lines().stream().map(CapturedOutput::parse).toList();
    }

    /** The EMF documents written, parsed. */
    public List<Map<String, Object>> metricDocuments() {
        synchronized (documents) {
            return documents.stream().map(CapturedOutput::parse).toList();
        }
    }

    public List<String> rawMetricDocuments() {
        synchronized (documents) {
            return List.copyOf(documents);
        }
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
        root.detachAppender(logs);
        metrics.detachAppender(emf);
        logs.stop();
        emf.stop();
    }
}
