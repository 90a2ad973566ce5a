package dev.actiongate.lambda;

import dev.actiongate.oauth.RawQuerySource;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Objects;
import java.util.Optional;

/**
 * The query string of an API Gateway HTTP API event as the client sent it ({@code rawQueryString}); the
 * adapter's request URI is rebuilt from {@code queryStringParameters}, where {@code state=a&state=b}
 * has become one {@code state} of {@code a,b}.
 */
@Singleton
final class ApiGatewayRawQuery implements RawQuerySource {

    @Override
    public Optional<String> rawQuery(HttpRequest<?> request) {
        return request instanceof APIGatewayV2HTTPEventServletRequest<?> event
                ? Optional.of(Objects.requireNonNullElse(event.getNativeRequest().getRawQueryString(), ""))
                : Optional.empty();
    }
}
