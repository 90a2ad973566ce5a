package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.actiongate.web.ApiError;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Headers HTTP cannot carry (RFC 9110 §5.5: a name that is not a token, a value with a control
 * character or leading whitespace). The Lambda adapter throws on them before any filter runs, which
 * would answer 500 with no body; ActionGate answers 400 instead.
 */
final class UnreadableHeaders {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final JsonMapper json;

    UnreadableHeaders(JsonMapper json) {
        this.json = json;
    }

    Optional<APIGatewayV2HTTPResponse> refusal(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() == null || !TOKEN.matcher(header.getKey()).matches() || !readable(header.getValue())) {
                String name = header.getKey() != null && TOKEN.matcher(header.getKey()).matches() && header.getKey().length() <= 40
                        ? "The request header " + header.getKey() : "A request header";
                ApiException refused = ErrorCode.BAD_REQUEST.refusal(name + " holds characters HTTP does not allow; ActionGate cannot read it.");
                // Answered before Micronaut sees the request, so without its filters: the headers they would add.
                return Optional.of(APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(refused.status())
                        .withHeaders(Map.of("Content-Type", "application/json", "X-Content-Type-Options", "nosniff",
                                "Cache-Control", "no-store"))
                        .withBody(write(refused.body()))
                        .build());
            }
        }
        return Optional.empty();
    }

    private String write(ApiError body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same rule as Micronaut's header check: a visible first character, then no control character but tab. */
    private static boolean readable(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        if (first < 0x21 || first == 0x7F) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
