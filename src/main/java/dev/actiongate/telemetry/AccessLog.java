package dev.actiongate.telemetry;

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
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = AccessLog.class.getName() + ".started";
    private static final String REQUEST_ID = AccessLog.class.getName() + ".requestId";
    private static final String OPERATION = AccessLog.class.getName() + ".operation";
    private static final String ROUTE = AccessLog.class.getName() + ".route";
    /** The OAuth bridge's routes and the step each is. */
    private static final Map<String, String> STEPS = Map.of("/authorize", "authorize", "/authorize/consent", "consent",
            "/oauth/callback", "callback", "/token", "token", "/register", "register");

    private final Metrics metrics;

    AccessLog(Metrics metrics) {
        this.metrics = metrics;
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
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue(RequestIds.MDC_KEY, request.getAttribute(REQUEST_ID, String.class).orElse(null))
                .addKeyValue("method", request.getMethodName())
                .addKeyValue("route", route)
                .addKeyValue("operation", operation)
                .addKeyValue("status", status)
                .addKeyValue("latencyMs", (System.nanoTime() - started) / 1_000_000);
        if (coldStart) {
            line = line.addKeyValue("coldStart", true);
            metrics.count(Metric.COLD_START, metrics.function());
        }
        Optional<Authentication> who = request.getUserPrincipal(Authentication.class);
        if (who.isPresent()) {
            line = line.addKeyValue("subject", who.get().getName());
        }
        if (face != null) {
            line = line.addKeyValue("face", face);
            metrics.count(Metric.CALL, face, operation == null ? UNMATCHED : operation, status / 100 + "xx");
        }
        if (!metrics.muted()) {
            line.log("request");
        }
        // The request's metrics end here (on Lambda the handler flushes once more after the invocation).
        metrics.flush();
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
