package dev.actiongate.gpt;

import dev.actiongate.config.FunctionRole;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Callers;
import dev.actiongate.usage.UsageMeter;
import dev.actiongate.web.ApiAnswers;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.RequestTally;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.util.Optional;

/**
 * Meters every authenticated {@code /api} call: before the operation, the quota check and count (the
 * one write on the caller's path); after it, how it ended and how long it took, off the path.
 */
@ServerFilter("/api/**")
@Requires(property = FunctionRole.PROPERTY, notEquals = "oauth")
@Requires(property = "actiongate.usage.metering-enabled", notEquals = "false")
final class MeteringFilter implements Ordered {

    private static final String STARTED = MeteringFilter.class.getName() + ".started";
    private static final String ADMISSION = MeteringFilter.class.getName() + ".admission";

    private final UsageMeter meter;
    private final Callers callers;

    MeteringFilter(UsageMeter meter, Callers callers) {
        this.meter = meter;
        this.callers = callers;
    }

    /** This call's own metering, for getMe's count of today. */
    static Optional<UsageMeter.Admission> admission(HttpRequest<?> request) {
        return request.getAttribute(ADMISSION, UsageMeter.Admission.class);
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        String operationId = operationId(request);
        if (authentication == null || operationId == null) {
            return null;
        }
        request.setAttribute(STARTED, System.nanoTime());
        Caller caller = callers.of(request, authentication);
        try {
            request.setAttribute(ADMISSION, meter.admit(caller, operationId));
            RequestTally.start(request);
            return null;
        } catch (ApiException refused) {
            return ApiAnswers.of(refused);
        }
    }

    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        UsageMeter.Admission admission = admission(request).orElse(null);
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (admission != null && started != null && authentication != null) {
            meter.finish(callers.of(request, authentication), admission, response.code(), (System.nanoTime() - started) / 1_000_000,
                    RequestTally.githubRequests(request));
        }
    }

    /** Operation methods are named as their OpenAPI operationId (OpenApiDocumentTest holds them to it). */
    private static String operationId(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(route -> route instanceof MethodBasedRouteMatch<?, ?>)
                .map(route -> ((MethodBasedRouteMatch<?, ?>) route).getMethodName())
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
