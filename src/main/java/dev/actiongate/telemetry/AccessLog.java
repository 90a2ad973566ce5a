package dev.actiongate.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One access-log line per request (logger {@value #LOGGER}, message {@code request}) and the {@link Metric#CALL}
 * and {@link Metric#COLD_START} metrics, on the local server and through the Lambda handler alike. The route is
 * Micronaut's matched template ({@code /api/runs/{runId}}), never the raw path or its query; the subject is the
 * verified token's {@code sub}. Outermost of the filters, so it sees every answer's final status, the security
 * filter's refusals included. On the local server it makes the request id and flushes the metrics per request;
 * on Lambda the handler does both for the invocation.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class AccessLog implements Ordered {

    static final String LOGGER = "dev.actiongate.access";
    /** A request no route matched (a 404, a 405): a fixed value, since the raw path may carry anything. */
    static final String UNMATCHED = "unmatched";
    private static final String MESSAGE = "request";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = AccessLog.class.getName() + ".started";
    private static final String REQUEST_ID = AccessLog.class.getName() + ".requestId";
    private static final String OPERATION = AccessLog.class.getName() + ".operation";
    private static final String ROUTE = AccessLog.class.getName() + ".route";
    /** The OAuth bridge's routes and the step each is. */
    private static final Map<String, String> STEPS = Map.of("/authorize", "authorize", "/authorize/consent", "consent",
            "/oauth/callback", "callback", "/token", "token", "/register", "register");

    private final Metrics metrics;
    private final LogFormat format;

    AccessLog(Metrics metrics, LogFormat format) {
        this.metrics = metrics;
        this.format = format;
    }

    /** An MCP {@code tools/call}'s tool, a known one only: its operation, in place of {@code mcp}. */
    public static void operationIs(HttpRequest<?> request, String operationId) {
        request.setAttribute(OPERATION, operationId);
    }

    @RequestFilter
    void start(HttpRequest<?> request, MutablePropagatedContext propagated) {
        request.setAttribute(STARTED, System.nanoTime());
        String lambdaRequestId = MDC.get(RequestIds.MDC_KEY);
        String route = route(request);
        request.setAttribute(ROUTE, route);
        MDC.put(RequestIds.ROUTE_KEY, route);
        if (lambdaRequestId != null) {
            // The Lambda handler: the whole request runs on the invocation's thread, which holds the MDC until the
            // handler clears it; copying it from thread to thread would only cost time.
            request.setAttribute(REQUEST_ID, lambdaRequestId);
            return;
        }
        // The local server: every line of this request carries its id and route on whichever thread it is logged.
        String requestId = RequestIds.newId();
        request.setAttribute(REQUEST_ID, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        propagated.add(MdcContext.ofCurrentThread());
        MDC.remove(RequestIds.ROUTE_KEY);
        MDC.remove(RequestIds.MDC_KEY);
    }

    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
        // the request filter has not run when an earlier filter refused the request
        String route = request.getAttribute(ROUTE, String.class).orElseGet(() -> route(request));
        String face = face(route);
        String operation = operation(request, route);
        int status = response.code();
        boolean coldStart = metrics.coldStart();
        if (coldStart) {
            metrics.count(Metric.COLD_START, metrics.function());
        }
        if (face != null) {
            metrics.count(Metric.CALL, face, operation == null ? UNMATCHED : operation, status / 100 + "xx");
        }
        if (LOG.isInfoEnabled()) {
            Line line = new Line(request.getAttribute(REQUEST_ID, String.class).orElseGet(() -> MDC.get(RequestIds.MDC_KEY)),
                    request.getMethodName(), route, operation, status, (System.nanoTime() - started) / 1_000_000, coldStart,
                    request.getUserPrincipal(Authentication.class).map(Authentication::getName).orElse(null), face);
            if (metrics.muted()) {
                Stdout.rehearse(json -> json(json, line));
            } else if (format.text()) {
                text(line);
            } else {
                // the most frequent line, written without a Logback event (docs/PERFORMANCE.md §10.2)
                Stdout.json(json -> json(json, line));
            }
        }
        // The request's metrics end here (on Lambda the handler flushes once more after the invocation).
        metrics.flush();
    }

    /** The access line's fields; the null ones are left out. */
    private record Line(String requestId, String method, String route, String operation, int status, long latencyMs,
                        boolean coldStart, String subject, String face) {
    }

    /** The line as {@link JsonLogEncoder} writes every line: its fixed fields, then the access fields. */
    private void json(JsonGenerator json, Line line) throws IOException {
        JsonLogEncoder.fixedFields(json, System.currentTimeMillis(), "INFO", LOGGER, MESSAGE, metrics.function());
        if (line.requestId() != null) {
            json.writeStringField(RequestIds.MDC_KEY, line.requestId());
        }
        json.writeStringField("method", line.method());
        json.writeStringField("route", line.route());
        if (line.operation() != null) {
            json.writeStringField("operation", line.operation());
        }
        json.writeNumberField("status", line.status());
        json.writeNumberField("latencyMs", line.latencyMs());
        if (line.coldStart()) {
            json.writeBooleanField("coldStart", true);
        }
        if (line.subject() != null) {
            json.writeStringField("subject", line.subject());
        }
        if (line.face() != null) {
            json.writeStringField("face", line.face());
        }
    }

    /** The local server's readable line, through Logback's encoder in its text format. */
    private static void text(Line line) {
        LoggingEventBuilder event = LOG.atInfo()
                .addKeyValue(RequestIds.MDC_KEY, line.requestId())
                .addKeyValue("method", line.method())
                .addKeyValue("route", line.route())
                .addKeyValue("operation", line.operation())
                .addKeyValue("status", line.status())
                .addKeyValue("latencyMs", line.latencyMs());
        if (line.coldStart()) {
            event = event.addKeyValue("coldStart", true);
        }
        event.addKeyValue("subject", line.subject()).addKeyValue("face", line.face()).log(MESSAGE);
    }

    private static String route(HttpRequest<?> request) {
        Optional<RouteMatch> match = request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class);
        return match.filter(UriRouteMatch.class::isInstance)
                .map(route -> ((UriRouteMatch<?, ?>) route).getRouteInfo().getUriMatchTemplate().toPathString())
                .orElse(UNMATCHED);
    }

    /** The face of an API or MCP call; null for the OAuth bridge and the documents. */
    private static String face(String route) {
        if (route.startsWith("/api/")) {
            return "gpt";
        }
        return route.equals("/mcp") ? "mcp" : null;
    }

    private static String operation(HttpRequest<?> request, String route) {
        if (route.startsWith("/api/")) {
            // Operation methods are named as their OpenAPI operationId (OpenApiDocumentTest holds them to it).
            return request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class)
                    .filter(MethodBasedRouteMatch.class::isInstance)
                    .map(match -> ((MethodBasedRouteMatch<?, ?>) match).getMethodName())
                    .orElse(null);
        }
        if (route.equals("/mcp")) {
            return request.getAttribute(OPERATION, String.class).orElse("mcp");
        }
        if (route.startsWith("/.well-known/")) {
            return "discovery";
        }
        return STEPS.get(route);
    }

    @Override
    public int getOrder() {
        // before web.SecurityHeaders (FIRST.before()): its response filter runs after theirs, on the final answer
        return ServerFilterPhase.FIRST.before() - 10;
    }
}
