package dev.actiongate.telemetry;

import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
 * {@link #flush()} writes one EMF document per set of dimension values ({@link EmfDocument}) as a line of its own
 * on stdout ({@link Stdout}; on Lambda, CloudWatch Logs turns it into metrics), whatever the log level.
 */
@Singleton
public final class Metrics {

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
        if (!Double.isFinite(value) || !allDimensionValues(dimensionValues)) {
            // CloudWatch drops a whole document over one such value; the values come from bounded sets, so this is a bug
            LOG.warn("Metric {} not recorded: its value or a dimension value is not one CloudWatch accepts", metric);
            return;
        }
        pending.add(new Point(metric, List.of(dimensionValues), value));
    }

    private static boolean allDimensionValues(String... values) {
        for (String value : values) {
            if (!isDimensionValue(value)) {
                return false;
            }
        }
        return true;
    }

    /** What the EMF specification allows as a dimension value: 1 to 1,024 ASCII characters, not all white space. */
    static boolean isDimensionValue(String value) {
        if (value == null || value.isBlank() || value.length() > 1024) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** The function dimension every metric carries. */
    public String function() {
        return function;
    }

    /**
     * Nothing is written while muted: SnapStart's priming requests run through the handler before the snapshot and
     * must not count as calls, sign-ins or a cold start. Their documents are still made, then dropped, so the
     * snapshot holds that code compiled.
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

    /**
     * The dimension values of a document and the dimension sets it publishes them under: metrics recorded with the
     * same values and published under the same sets share a document.
     */
    private record DocumentKey(Map<String, String> dimensions, List<List<String>> dimensionSets) {
    }

    /** Writes what was recorded since the last flush: one EMF document per set of dimension values. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<DocumentKey, Map<Metric, List<Double>>> byDimensions = new LinkedHashMap<>();
        for (Point point = pending.poll(); point != null; point = pending.poll()) {
            Map<String, String> dimensions = new LinkedHashMap<>();
            dimensions.put(Metric.Dimension.FUNCTION.cloudWatchName(), function);
            for (int i = 0; i < point.dimensions().size(); i++) {
                dimensions.put(point.metric().dimensions().get(i).cloudWatchName(), point.dimensions().get(i));
            }
            byDimensions.computeIfAbsent(new DocumentKey(dimensions, point.metric().dimensionSets()), d -> new LinkedHashMap<>())
                    .computeIfAbsent(point.metric(), m -> new ArrayList<>()).add(point.value());
        }
        Instant now = clock.instant();
        String requestId = MDC.get(RequestIds.MDC_KEY);
        byDimensions.forEach((key, values) -> {
            for (Map<Metric, List<Double>> part : withinLimits(values)) {
                Stdout.JsonLine document = json -> EmfDocument.write(json, key.dimensions(), key.dimensionSets(), part, now, requestId);
                if (muted) {
                    Stdout.rehearse(document);
                } else {
                    Stdout.json(document);
                }
            }
        });
    }

    /** The values of one dimension set, split where a metric has more than the specification's 100 values. */
    private static List<Map<Metric, List<Double>>> withinLimits(Map<Metric, List<Double>> values) {
        if (values.values().stream().allMatch(list -> list.size() <= EmfDocument.MAX_VALUES)) {
            return List.of(values);
        }
        List<Map<Metric, List<Double>>> parts = new ArrayList<>();
        values.forEach((metric, list) -> {
            for (int from = 0, part = 0; from < list.size(); from += EmfDocument.MAX_VALUES, part++) {
                if (parts.size() == part) {
                    parts.add(new LinkedHashMap<>());
                }
                parts.get(part).put(metric, list.subList(from, Math.min(list.size(), from + EmfDocument.MAX_VALUES)));
            }
        });
        return parts;
    }
}
