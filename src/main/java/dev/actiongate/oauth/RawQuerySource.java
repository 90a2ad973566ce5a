package dev.actiongate.oauth;

import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * Gives a request's query string exactly as the client sent it, where the request's URI no longer holds
 * it: the Lambda adapter rebuilds the URI from API Gateway's parsed parameters, which join a repeated
 * name's values with commas. Implemented beside the adapter, so this package knows no AWS type.
 */
public interface RawQuerySource {

    /** @return the raw query, {@code ""} when there is none, or empty if this source does not know the request */
    Optional<String> rawQuery(HttpRequest<?> request);
}
