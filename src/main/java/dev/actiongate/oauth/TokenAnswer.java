package dev.actiongate.oauth;

import io.micronaut.serde.annotation.Serdeable;

/** What {@code /token} answers: a status and its JSON body; also what a repeated exchange gets again. */
@Serdeable
record TokenAnswer(int status, String body) {
}
