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
        ErrorCode code = switch (response.code()) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            // without an exception, the local server's decoder refused the request line or the header block
            case 413 -> context.getRootCause().isPresent() ? ErrorCode.REQUEST_TOO_LARGE
                    : UNREADABLE_REQUEST_LINE.equals(context.getRequest().getPath()) ? ErrorCode.URI_TOO_LONG : ErrorCode.HEADERS_TOO_LARGE;
            default -> response.code() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.REQUEST_REFUSED;
        };
        String sentence = switch (code) {
            case METHOD_NOT_ALLOWED -> "This address does not take " + context.getRequest().getMethod() + " requests.";
            case REQUEST_REFUSED -> "ActionGate refused this request (HTTP " + response.code() + ").";
            default -> code.sentence();
        };
        if (code.status() != response.code() && code != ErrorCode.REQUEST_REFUSED && code != ErrorCode.INTERNAL_ERROR) {
            answer.status(HttpStatus.valueOf(code.status()));
        }
        return answer.contentType(MediaType.APPLICATION_JSON_TYPE).body(code.refusal(sentence).body());
    }
}
