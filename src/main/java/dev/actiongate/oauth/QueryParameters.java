package dev.actiongate.oauth;

import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The parameters of {@code /authorize} and {@code /oauth/callback}, read from the raw query string so
 * that a repeated parameter is refused (RFC 6749 §3.1) and a GPT's state arrives unchanged: from a
 * {@link RawQuerySource} on Lambda, from the request line on the local server.
 */
@Singleton
final class QueryParameters {

    private final List<RawQuerySource> sources;

    QueryParameters(List<RawQuerySource> sources) {
        this.sources = sources;
    }

    FormParameters of(HttpRequest<?> request) throws OAuthProblem {
        return FormParameters.parse(rawQuery(request));
    }

    private String rawQuery(HttpRequest<?> request) {
        for (RawQuerySource source : sources) {
            Optional<String> raw = source.rawQuery(request);
            if (raw.isPresent()) {
                return raw.get();
            }
        }
        return request.getUri().getRawQuery();
    }
}
