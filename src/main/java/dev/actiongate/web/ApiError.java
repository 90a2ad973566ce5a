package dev.actiongate.web;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Every error body of the API: a stable machine-readable {@code error} code and one plain sentence
 * that the GPT can read to the person, including what to do next.
 */
@Serdeable
public record ApiError(String error, String message) {
}
