package dev.actiongate.telemetry;

import org.slf4j.MDC;

import java.util.UUID;

/**
 * The request id on every log line ({@code requestId} in the MDC): on Lambda the invocation's AWS request id, put
 * there by the handler; on the local server one made for the request by {@link AccessLog}.
 */
public final class RequestIds {

    public static final String MDC_KEY = "requestId";
    /** The request's route template, put there by {@link AccessLog}. */
    static final String ROUTE_KEY = "route";

    private RequestIds() {
    }

    /** Sets the invocation's request id for the lines logged until {@link #clear()}. */
    public static void set(String requestId) {
        if (requestId != null && !requestId.isBlank()) {
            MDC.put(MDC_KEY, requestId);
        }
    }

    /** Clears the request id and the route the request put there. */
    public static void clear() {
        MDC.remove(MDC_KEY);
        MDC.remove(ROUTE_KEY);
    }

    /** A new request id, for a request no Lambda invocation carries (the local server). */
    static String newId() {
        return UUID.randomUUID().toString();
    }
}
