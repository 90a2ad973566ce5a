package dev.actiongate.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The body of every error the framework answers by itself (an unknown address, an unreadable request,
 * headers over the local server's limit): the API's error code and one plain sentence, never the
 * framework's own text, which can quote parser messages or exception details.
 */
@Singleton
final class FrameworkErrorAnswers implements ErrorResponseProcessor<ApiError> {

    /** Netty's path for a request whose first line it could not read (HttpObjectDecoder). */
    private static final String UNREADABLE_REQUEST_LINE = "/bad-request";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        MutableHttpResponse<ApiError> answer = (MutableHttpResponse<ApiError>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return answer;
        }
        ApiError error = switch (response.code()) {
            case 400 -> new ApiError("bad_request", "ActionGate could not read this request; check its address, parameters and body.");
            case 404 -> new ApiError("not_found", "ActionGate has nothing at this address; its operations are listed in /openapi.json.");
            case 405 -> new ApiError("method_not_allowed", "This address does not take " + context.getRequest().getMethod() + " requests.");
            case 406 -> new ApiError("not_acceptable", "ActionGate answers in JSON; accept application/json.");
            case 415 -> new ApiError("unsupported_media_type", "Send the body as application/json.");
            case 413 -> context.getRootCause().isPresent()
                    ? new ApiError("request_too_large", "The request body is larger than ActionGate accepts; send a smaller one.")
                    // no exception: the local server's decoder refused the request line or the header block
                    : UNREADABLE_REQUEST_LINE.equals(context.getRequest().getPath()) ? uriTooLong(answer) : headersTooLarge(answer);
            default -> response.code() >= 500
                    ? new ApiError("internal_error", "Something went wrong inside ActionGate; try again in a moment.")
                    : new ApiError("request_refused", "ActionGate refused this request (HTTP " + response.code() + ").");
        };
        return answer.contentType(MediaType.APPLICATION_JSON_TYPE).body(error);
    }

    private static ApiError uriTooLong(MutableHttpResponse<ApiError> answer) {
        answer.status(HttpStatus.REQUEST_URI_TOO_LONG);
        return new ApiError("uri_too_long", "The request's address is longer than ActionGate accepts; shorten its query.");
    }

    private static ApiError headersTooLarge(MutableHttpResponse<ApiError> answer) {
        answer.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        return new ApiError("headers_too_large", "The request's headers are larger than ActionGate accepts; "
                + "a bearer token this long cannot be one ActionGate issued. Sign in again.");
    }
}
