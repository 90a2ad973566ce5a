package dev.actiongate.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers an {@link ApiException} thrown by an operation. */
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, MutableHttpResponse<ApiError>> {

    @Override
    public MutableHttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
        return ApiAnswers.of(exception);
    }
}
