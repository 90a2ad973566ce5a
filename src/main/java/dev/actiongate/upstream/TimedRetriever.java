package dev.actiongate.upstream;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;

import java.io.IOException;
import java.net.URL;

/** A provider document fetch, timed and counted as {@link Metric#PROVIDER_LATENCY} and {@link Metric#PROVIDER_ERROR}. */
final class TimedRetriever implements ResourceRetriever {

    private final ResourceRetriever retriever;
    private final Metrics metrics;
    private final String endpoint;

    TimedRetriever(ResourceRetriever retriever, Metrics metrics, String endpoint) {
        this.retriever = retriever;
        this.metrics = metrics;
        this.endpoint = endpoint;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        long started = System.nanoTime();
        try {
            Resource resource = retriever.retrieveResource(url);
            metrics.record(Metric.PROVIDER_LATENCY, (System.nanoTime() - started) / 1_000_000, endpoint);
            return resource;
        } catch (IOException | RuntimeException e) {
            metrics.count(Metric.PROVIDER_ERROR, endpoint);
            throw e;
        }
    }
}
