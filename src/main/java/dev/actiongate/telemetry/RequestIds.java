package dev.actiongate.telemetry;

import org.slf4j.MDC;

import java.util.UUID;

/**
 * The request id on every log line ({@code requestId} in the MDC): on Lambda the invocation's AWS request id, put
 * there by the handler; on the local server one made for the request by {@link AccessLog}.
 */
public final class RequestIds {

    public static final String MDC_KEY = "requestId";

    private RequestIds() {
    }

    /** Sets the invocation's request id for the lines logged until {@link #clear()}. */
    public static void set(String requestId) {
        if (requestId != null && !requestId.isBlank()) {
            MDC.put(MDC_KEY, requestId);
        }
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
    }

    /** The current request id, or a new random one when there is none (the local server). */
    static String currentOrNew() {
        String current = MDC.get(MDC_KEY);
        return current != null ? current : UUID.randomUUID().toString();
    }
}
