package dev.actiongate.telemetry;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

import java.util.Map;

/**
 * The request's logging fields (request id, route), carried by Micronaut's propagated context to whichever
 * thread runs the request on the local server, and taken off again after: no reactive hooks, no extra library.
 */
record MdcContext(Map<String, String> fields) implements ThreadPropagatedContextElement<Map<String, String>> {

    static MdcContext ofCurrentThread() {
        Map<String, String> fields = MDC.getCopyOfContextMap();
        return new MdcContext(fields == null ? Map.of() : Map.copyOf(fields));
    }

    @Override
    public Map<String, String> updateThreadContext() {
        Map<String, String> before = MDC.getCopyOfContextMap();
        MDC.setContextMap(fields);
        return before;
    }

    @Override
    public void restoreThreadContext(Map<String, String> before) {
        if (before == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(before);
        }
    }
}
