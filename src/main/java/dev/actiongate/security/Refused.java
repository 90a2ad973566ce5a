package dev.actiongate.security;

/**
 * A request refused before it ran (401, 403), published as an application event so the usage records can
 * count it without the resource-server rules knowing of them.
 *
 * @param reason the same word the {@code Refused} metric's reason dimension carries
 */
public record Refused(int status, String reason) {
}
