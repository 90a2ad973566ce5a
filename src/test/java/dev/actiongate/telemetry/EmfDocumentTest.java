package dev.actiongate.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiongate.testing.CapturedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ActionGate writes its Embedded Metric Format documents with Jackson's streaming generator; AWS's aws-embedded-metrics
 * library is the reference: for every metric of the catalogue, and for a metric recorded several times in a request,
 * the document parses to the same JSON as the one the library serializes from the same values.
 */
class EmfDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-02T01:02:03.456Z");

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyMetricOfTheCatalogueIsWrittenAsTheLibraryWritesIt(Metric metric) throws Exception {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Function", "api");
        for (Metric.Dimension dimension : metric.dimensions()) {
            dimensions.put(dimension.cloudWatchName(), "value-of-" + dimension.cloudWatchName());
        }
        Map<Metric, List<Double>> values = Map.of(metric, List.of(metric.unit() == Metric.Unit.COUNT ? 1.0 : 137.5));

        assertEquals(reference(dimensions, metric.dimensionSets(), values, "req-1"), written(dimensions, metric.dimensionSets(), values, "req-1"));
    }

    @Test
    void metricsRecordedTwiceInOneRequestAreOneDocumentWithAnArrayOfValuesAsTheLibraryWritesIt() throws Exception {
        Map<String, String> dimensions = new LinkedHashMap<>(Map.of("Function", "oauth"));
        dimensions.put("Endpoint", "token");
        Map<Metric, List<Double>> values = new LinkedHashMap<>();
        values.put(Metric.PROVIDER_LATENCY, List.of(12.0, 40.25, 7.0));
        values.put(Metric.PROVIDER_ERROR, List.of(1.0));

        JsonNode written = written(dimensions, Metric.PROVIDER_LATENCY.dimensionSets(), values, null);

        assertEquals(reference(dimensions, Metric.PROVIDER_LATENCY.dimensionSets(), values, null), written);
        assertTrue(written.get("ProviderLatency").isArray());
    }

    @Test
    void aDimensionValueIsEscapedByTheGenerator() throws Exception {
        Map<String, String> dimensions = new LinkedHashMap<>(Map.of("Function", "api"));
        dimensions.put("Operation", "quote\"and\\backslash");

        JsonNode written = written(dimensions, Metric.QUOTA_REFUSED.dimensionSets(), Map.of(Metric.QUOTA_REFUSED, List.of(1.0)), "r");

        assertEquals("quote\"and\\backslash", written.get("Operation").asText());
    }

    @Test
    void aMetricWithMoreThanAHundredValuesInARequestIsSplitIntoDocumentsOfAHundred() throws Exception {
        Metrics metrics = new Metrics("api", Clock.fixed(AT, ZoneOffset.UTC));
        IntStream.range(0, 250).forEach(i -> metrics.record(Metric.PROVIDER_LATENCY, i, "token"));

        List<JsonNode> documents = flushed(metrics);

        assertEquals(List.of(100, 100, 50), documents.stream().map(d -> d.get("ProviderLatency").size()).toList());
        assertEquals(250.0 * 249 / 2, documents.stream()
                .flatMap(d -> { List<Double> all = new ArrayList<>(); d.get("ProviderLatency").forEach(v -> all.add(v.asDouble())); return all.stream(); })
                .mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void aDimensionValueCloudWatchWouldRefuseIsNotRecordedAndTheRestIs() throws Exception {
        Metrics metrics = new Metrics("api", Clock.fixed(AT, ZoneOffset.UTC));
        metrics.count(Metric.GITHUB_ERROR, "");
        metrics.count(Metric.GITHUB_ERROR, "caf\u00e9");
        metrics.record(Metric.GITHUB_RATE_LIMIT_REMAINING, Double.NaN);
        metrics.count(Metric.GITHUB_ERROR, "timeout");

        List<JsonNode> documents = flushed(metrics);

        assertEquals(1, documents.size(), documents.toString());
        assertEquals("timeout", documents.getFirst().get("Reason").asText());
        assertFalse(documents.getFirst().has("GithubRateLimitRemaining"));
    }

    private static List<JsonNode> flushed(Metrics metrics) throws Exception {
        try (CapturedOutput output = new CapturedOutput()) {
            metrics.flush();
            List<JsonNode> documents = new ArrayList<>();
            for (String document : output.rawMetricDocuments()) {
                documents.add(JSON.readTree(document));
            }
            return documents;
        }
    }

    /** The document as Metrics writes it: one object, EmfDocument's members in it. */
    private static JsonNode written(Map<String, String> dimensions, List<List<String>> sets, Map<Metric, List<Double>> values,
            String requestId) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            EmfDocument.write(json, dimensions, sets, values, AT, requestId);
            json.writeEndObject();
        }
        return JSON.readTree(out.toString());
    }

    /** What the library serializes for the same dimension set, values and fields. */
    private static JsonNode reference(Map<String, String> dimensions, List<List<String>> sets, Map<Metric, List<Double>> values,
            String requestId) throws Exception {
        MetricsContext context = new MetricsContext();
        context.setNamespace(Metric.NAMESPACE);
        List<DimensionSet> dimensionSets = new ArrayList<>();
        for (List<String> names : sets) {
            DimensionSet set = new DimensionSet();
            for (String name : names) {
                set.addDimension(name, dimensions.get(name));
            }
            dimensionSets.add(set);
        }
        context.setDimensions(dimensionSets.toArray(DimensionSet[]::new));
        context.setTimestamp(AT);
        values.forEach((metric, list) -> list.forEach(value -> context.putMetric(metric.metricName(), value, Unit.fromValue(metric.unit().cloudWatchName()))));
        context.putProperty("level", "INFO");
        context.putProperty("timestamp", "2026-12-02T01:02:03.456Z");
        if (requestId != null) {
            context.putProperty("requestId", requestId);
        }
        List<String> documents = context.serialize();
        assertEquals(1, documents.size());
        return JSON.readTree(documents.getFirst());
    }
}
