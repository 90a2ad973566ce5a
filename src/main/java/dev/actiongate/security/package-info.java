/**
 * The resource server: which bearer tokens open the API (keys, signature, claims, token type), the API's
 * scopes, the {@link dev.actiongate.security.Caller} of an operation made from a verified token, and the
 * RFC 6750 answers to a refused one. Imports {@code config}, {@code web} and {@code upstream}.
 */
package dev.actiongate.security;
