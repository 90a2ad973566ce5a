package dev.actiongate.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;

/**
 * Refuses an {@code /api} request whose body is larger than {@code micronaut.server.max-request-size}
 * before anything reads or parses it. The local server enforces that setting itself while it reads;
 * the Lambda adapter does not, so the declared length is checked here on both.
 */
@ServerFilter({"/api/**", "/mcp"})
final class RequestBodyLimit implements Ordered {

    private final long maxBytes;

    RequestBodyLimit(HttpServerConfiguration server) {
        this.maxBytes = server.getMaxRequestSize();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        return BodyLength.declared(request) > maxBytes ? ApiAnswers.of(tooLarge(maxBytes)) : null;
    }

    static ApiException tooLarge(long maxBytes) {
        return ErrorCode.REQUEST_TOO_LARGE.refusal("The request body is larger than the " + BodyLength.readable(maxBytes) + " ActionGate accepts; send a smaller one.");
    }

    @Override
    public int getOrder() {
        // before the security filter: a body that will be refused is not worth a signature check
        return ServerFilterPhase.FIRST.order();
    }
}
