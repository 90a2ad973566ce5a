package dev.actiongate.mcp;

import dev.actiongate.config.McpSettings;
import dev.actiongate.security.Refused;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Which web pages may talk to {@code /mcp}. A request whose {@code Origin} is not in
 * {@code actiongate.mcp.allowed-origins} is refused with 403 before anything else (MCP 2025-11-25,
 * Streamable HTTP: servers MUST validate {@code Origin}, against DNS rebinding); a request without one
 * (desktop and server-side clients) passes. An allowed origin gets CORS headers (Fetch standard, "CORS
 * protocol") on every answer, the 401 included, exposing {@code WWW-Authenticate} so a browser client
 * such as the MCP Inspector can find where to sign in.
 */
@ServerFilter(McpController.PATH)
final class McpOrigins implements Ordered {

    private static final String REQUEST_HEADERS = "Authorization, Content-Type, Accept, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID";
    private static final String EXPOSED_HEADERS = "WWW-Authenticate, MCP-Protocol-Version, Mcp-Session-Id";

    private final McpSettings settings;
    private final RpcErrors errors;
    private final Metrics metrics;
    private final ApplicationEventPublisher<Refused> refusals;

    McpOrigins(McpSettings settings, RpcErrors errors, Metrics metrics, ApplicationEventPublisher<Refused> refusals) {
        this.metrics = metrics;
        this.refusals = refusals;
        this.settings = settings;
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || settings.allows(origin)) {
            return null;
        }
        metrics.count(Metric.REFUSED, "403", "origin_not_allowed");
        refusals.publishEvent(new Refused(403, "origin_not_allowed"));
        return errors.of(HttpStatus.FORBIDDEN, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Requests from this web origin are not allowed; an admin can add it to actiongate.mcp.allowed-origins.");
    }

    @ResponseFilter
    void allow(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || !settings.allows(origin)) {
            return;
        }
        response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        response.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        if (request.getMethod().name().equals("OPTIONS")) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, GET, DELETE, OPTIONS");
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS);
            response.header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        }
    }

    @Override
    public int getOrder() {
        // before the security filter: a page from another origin learns nothing, not even whether it needs a token
        return ServerFilterPhase.FIRST.after();
    }
}
