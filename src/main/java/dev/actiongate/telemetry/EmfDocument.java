package dev.actiongate.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format document: the {@code _aws} envelope (timestamp, namespace, the dimension sets,
 * the metrics' names and units), the dimension values and each metric's value (one number, or an array when a
 * request recorded it more than once) as top-level members, then the fields every log line has. Jackson's streaming
 * generator writes and escapes it, straight into the invocation's output ({@link Stdout}). {@code EmfDocumentTest}
 * holds the output to what AWS's aws-embedded-metrics library writes for the same values.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
final class EmfDocument {

    /** The specification's limits: at most 100 metrics per document and 100 values per metric. */
    static final int MAX_VALUES = 100;

    private EmfDocument() {
    }

    /**
     * Writes the document's members into an object {@code json} has started (and its caller ends).
     *
     * @param dimensions    dimension names to values, in their declared order ({@code Function} first)
     * @param dimensionSets the sets of those names the metrics are published under ({@link Metric#dimensionSets()})
     * @param values        metric to its values, each list at most {@link #MAX_VALUES} long
     */
    static void write(JsonGenerator json, Map<String, String> dimensions, List<List<String>> dimensionSets,
            Map<Metric, List<Double>> values, Instant timestamp, String requestId) throws IOException {
        json.writeObjectFieldStart("_aws");
        json.writeNumberField("Timestamp", timestamp.toEpochMilli());
        json.writeArrayFieldStart("CloudWatchMetrics");
        json.writeStartObject();
        json.writeStringField("Namespace", Metric.NAMESPACE);
        json.writeArrayFieldStart("Metrics");
        for (Metric metric : values.keySet()) {
            json.writeStartObject();
            json.writeStringField("Name", metric.metricName());
            json.writeStringField("Unit", metric.unit().cloudWatchName());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("Dimensions");
        for (List<String> set : dimensionSets) {
            json.writeStartArray();
            for (String name : set) {
                json.writeString(name);
            }
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            json.writeStringField(dimension.getKey(), dimension.getValue());
        }
        for (Map.Entry<Metric, List<Double>> metric : values.entrySet()) {
            json.writeFieldName(metric.getKey().metricName());
            List<Double> recorded = metric.getValue();
            if (recorded.size() == 1) {
                json.writeNumber(recorded.getFirst());
            } else {
                json.writeStartArray();
                for (double value : recorded) {
                    json.writeNumber(value);
                }
                json.writeEndArray();
            }
        }
        // The same fields as every log line, so Lambda's log-level filter and a Logs Insights query treat it alike.
        json.writeStringField("level", "INFO");
        json.writeStringField("timestamp", JsonLogEncoder.rfc3339(timestamp));
        if (requestId != null) {
            json.writeStringField(RequestIds.MDC_KEY, requestId);
        }
    }
}
