package dev.actiongate.testing;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One way to reach ActionGate: over HTTP to the local server, or as API Gateway events to the Lambda
 * handler. A test written against it runs the same calls both ways.
 */
public interface Transport extends AutoCloseable {

    /**
     * A response as a client sees it; header names in lower case.
     *
     * @param cookies every {@code Set-Cookie} of the answer, one entry each (the headers join repeated values with commas)
     */
    record Answer(int status, Map<String, String> headers, String body, List<String> cookies) {

        public Answer(int status, Map<String, String> headers, String body) {
            this(status, headers, body, List.of());
        }

        public Answer {
            cookies = List.copyOf(cookies);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The JSON object of a 200 answer; fails the test, showing the body, on any other status. */
        public Map<String, Object> ok() {
            assertEquals(200, status, body);
            return ChatGptAndBrowser.json(this);
        }

        /** Fails the test unless this is the API's error answer with this status and code, its sentence saying this part. */
        public Map<String, Object> assertError(int expectedStatus, String error, String sentencePart) {
            assertEquals(expectedStatus, status, body);
            Map<String, Object> json = ChatGptAndBrowser.json(this);
            assertEquals(error, json.get("error"), body);
            assertTrue(((String) json.get("message")).contains(sentencePart), body);
            return json;
        }
    }

    /** @param pathAndQuery a path with its raw (already encoded) query, as a browser would send it */
    Answer get(String pathAndQuery, Map<String, String> headers);

    default Answer get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    Answer post(String path, Map<String, String> headers, String body);

    /** Any method, for the answers a client gets to PUT, DELETE or OPTIONS; {@code body} null for none. */
    Answer send(String method, String pathAndQuery, Map<String, String> headers, String body);

    @Override
    void close();
}
