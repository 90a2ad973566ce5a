package dev.actiongate.web;

import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;

import java.util.Optional;
import java.util.Set;

/**
 * The headers every answer carries, on the local server and through the Lambda handler alike, error
 * answers of the framework and of the security filter included (this filter is the outermost one):
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}, so no browser reads a JSON or text answer as a page;</li>
 *   <li>on HTML pages a {@code Content-Security-Policy} that lets them load nothing but their own inline
 *       styles and be framed by no one (the pages have no scripts, images or forms), unless the page sent
 *       its own (the consent page, whose form posts);</li>
 *   <li>{@code Strict-Transport-Security} when the public root is HTTPS (RFC 6797 §7.2: never over plain
 *       HTTP), without {@code includeSubDomains}, since a custom domain's other hosts are not ours to pin;</li>
 *   <li>{@code Cache-Control: no-store} (RFC 9111 §5.2.2.5) on everything but the public documents: OAuth
 *       answers carry codes and tokens (RFC 6749 §5.1), API answers a person's data, and a new route is
 *       private until it is listed here.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** One year, the least the browsers' preload lists take. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    /** The same for every caller and free of personal data, so shared caches may keep them. */
    private static final Set<String> PUBLIC_DOCUMENTS = Set.of("/privacy", "/openapi.json", "/openapi.yaml");
    private static final String DISCOVERY_DOCUMENTS = "/.well-known/";

    private final PublicBaseUrl publicBaseUrl;

    SecurityHeaders(PublicBaseUrl publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        if (isPage(request, response) && !headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        if (publicBaseUrl.isHttps(request)) {
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        String path = request.getPath();
        if (!PUBLIC_DOCUMENTS.contains(path) && !path.startsWith(DISCOVERY_DOCUMENTS)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    /** A controller's declared type is applied only when the body is written, after the filters. */
    private static boolean isPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<MediaType> type = response.getContentType();
        if (type.isPresent()) {
            return type.get().matches(MediaType.TEXT_HTML_TYPE);
        }
        return RouteAttributes.getRouteInfo(response).or(() -> RouteAttributes.getRouteInfo(request))
                .map(route -> route.explicitlyProduces(MediaType.TEXT_HTML_TYPE))
                .orElse(false);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
