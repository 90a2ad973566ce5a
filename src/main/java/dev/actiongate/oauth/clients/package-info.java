/**
 * Which clients may sign in through the bridge, and where each may be sent back: the configured GPT,
 * MCP clients identified by a Client ID Metadata Document, and clients registered at {@code /register}
 * (RFC 7591), within the policy of {@code actiongate.oauth.clients.*}. Imports {@code config}, {@code web}
 * and {@code oauth.sealing}.
 */
package dev.actiongate.oauth.clients;
