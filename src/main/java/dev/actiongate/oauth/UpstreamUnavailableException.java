package dev.actiongate.oauth;

import io.micronaut.http.HttpStatus;

/** The provider's token endpoint failed (5xx, unreachable: 502) or did not answer in time (504). */
final class UpstreamUnavailableException extends Exception {

    private final HttpStatus status;

    UpstreamUnavailableException(HttpStatus status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
