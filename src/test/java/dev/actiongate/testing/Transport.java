package dev.actiongate.testing;

import java.util.Map;

/**
 * One way to reach ActionGate: over HTTP to the local server, or as API Gateway events to the Lambda
 * handler. A test written against it runs the same calls both ways.
 */
public interface Transport extends AutoCloseable {

    /** A response as a client sees it; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** @param pathAndQuery a path with its raw (already encoded) query, as a browser would send it */
    Answer get(String pathAndQuery, Map<String, String> headers);

    default Answer get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    Answer post(String path, Map<String, String> headers, String body);

    @Override
    void close();
}
