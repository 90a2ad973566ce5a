package dev.actiongate.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The local server's own refusal of a body over {@code micronaut.server.max-request-size}, in the API's words. */
@Singleton
@Replaces(ContentLengthExceededHandler.class)
final class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, MutableHttpResponse<ApiError>> {

    private final long maxBytes;

    BodyTooLargeHandler(HttpServerConfiguration server) {
        this.maxBytes = server.getMaxRequestSize();
    }

    @Override
    public MutableHttpResponse<ApiError> handle(HttpRequest request, ContentLengthExceededException exception) {
        return ApiAnswers.of(RequestBodyLimit.tooLarge(maxBytes));
    }
}
