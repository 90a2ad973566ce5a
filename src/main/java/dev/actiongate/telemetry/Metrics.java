package dev.actiongate.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Emits every {@link Metric} as CloudWatch Embedded Metric Format: each value is kept until the request ends, then
 * {@link #flush()} writes one EMF document per set of dimension values as a log line of {@value #LOGGER} (the raw
 * document on stdout; on Lambda, CloudWatch Logs turns it into metrics). AWS's aws-embedded-metrics library builds
 * and serializes the documents; its environment detection and agent sink are never used, so nothing tries to reach
 * an EMF agent over the network, locally or in tests. Its types stay in this package (ArchitectureTest).
 */
@Singleton
public final class Metrics {

    /** The logger the EMF documents are written to; logback.xml writes its messages as they are. */
    public static final String LOGGER = "dev.actiongate.metrics";
    private static final Logger EMF = LoggerFactory.getLogger(LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    private record Point(Metric metric, List<String> dimensions, double value) {
    }

    private final String function;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Point> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean muted;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    Metrics(@Value("${" + FunctionRole.PROPERTY + ":all}") String function, Clock clock) {
        this.function = function;
        this.clock = clock;
    }

    /** Adds one to a count, with the metric's dimension values in the order of {@link Metric#dimensions()}. */
    public void count(Metric metric, String... dimensionValues) {
        record(metric, 1, dimensionValues);
    }

    /** Records a value (a latency, a remaining budget), with the metric's dimension values in their order. */
    public void record(Metric metric, double value, String... dimensionValues) {
        if (dimensionValues.length != metric.dimensions().size()) {
            throw new IllegalArgumentException(metric + " takes " + metric.dimensions() + ", got " + dimensionValues.length + " values");
        }
        pending.add(new Point(metric, List.of(dimensionValues), value));
    }

    /** The function dimension every metric carries. */
    public String function() {
        return function;
    }

    /**
     * Nothing is written while muted: SnapStart's priming requests run through the handler before the snapshot and
     * must not count as calls, sign-ins or a cold start. Their documents are still made and serialized, then
     * dropped, so the snapshot holds that code compiled (the library's serialization is slow until the JIT has
     * seen it tens of thousands of times).
     */
    public void mute(boolean mute) {
        muted = mute;
        pending.clear();
        // the first request after the priming (a restored snapshot's first) is the instance's cold start
        coldStart.set(true);
    }

    /** True for the first request of this instance (and the first after SnapStart priming), once. */
    boolean coldStart() {
        return !muted && coldStart.compareAndSet(true, false);
    }

    public boolean muted() {
        return muted;
    }

    /** Writes what was recorded since the last flush: one EMF document per set of dimension values. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<List<String>, List<Point>> byDimensions = new LinkedHashMap<>();
        for (Point point = pending.poll(); point != null; point = pending.poll()) {
            List<String> key = new ArrayList<>();
            for (int i = 0; i < point.dimensions().size(); i++) {
                key.add(point.metric().dimensions().get(i).cloudWatchName());
                key.add(point.dimensions().get(i));
            }
            byDimensions.computeIfAbsent(key, k -> new ArrayList<>()).add(point);
        }
        Instant now = clock.instant();
        String requestId = MDC.get(RequestIds.MDC_KEY);
        byDimensions.forEach((dimensions, points) -> {
            try {
                List<String> documents = document(dimensions, points, now, requestId).serialize();
                if (!muted) {
                    documents.forEach(EMF::info);
                }
            } catch (RuntimeException | JsonProcessingException e) {
                // the library's own refusals (a bad name or value) are runtime exceptions
                LOG.warn("Metrics not written: {}", e.getMessage());
            }
        });
    }

    private MetricsContext document(List<String> dimensions, List<Point> points, Instant now, String requestId) {
        MetricsContext context = new MetricsContext();
        context.setNamespace(Metric.NAMESPACE);
        DimensionSet set = new DimensionSet();
        set.addDimension(Metric.Dimension.FUNCTION.cloudWatchName(), function);
        for (int i = 0; i < dimensions.size(); i += 2) {
            set.addDimension(dimensions.get(i), dimensions.get(i + 1));
        }
        context.setDimensions(set);
        context.setTimestamp(now);
        for (Point point : points) {
            context.putMetric(point.metric().metricName(), point.value(), unit(point.metric().unit()));
        }
        // The same fields as every log line, so Lambda's log-level filter and a Logs Insights query treat it alike.
        context.putProperty("level", "INFO");
        context.putProperty("timestamp", JsonLogEncoder.rfc3339(now));
        if (requestId != null) {
            context.putProperty(RequestIds.MDC_KEY, requestId);
        }
        return context;
    }

    private static Unit unit(Metric.Unit unit) {
        return switch (unit) {
            case COUNT -> Unit.COUNT;
            case MILLISECONDS -> Unit.MILLISECONDS;
            case NONE -> Unit.NONE;
        };
    }
}
