/**
 * How ActionGate answers over HTTP, whatever the face: the error catalogues ({@link dev.actiongate.web.ErrorCode},
 * {@link dev.actiongate.web.OAuthErrorCode}) and one writer per answer form (API JSON with its challenges,
 * {@code /token}'s JSON, the sign-in pages and redirects), request limits, the headers every answer carries,
 * the public base URL. Refusals ({@link dev.actiongate.web.ApiException}) carry no HTTP types, so the core
 * may throw them. Imports only {@code config}.
 */
package dev.actiongate.web;
