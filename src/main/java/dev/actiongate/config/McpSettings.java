package dev.actiongate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code actiongate.mcp.*}: the MCP server at {@code /mcp}. {@code allowed-origins} lists the web origins
 * whose pages may call it ({@code scheme://host[:port]}, a port of {@code *} for any); a request that
 * names another {@code Origin} is refused, which stops DNS rebinding (MCP Streamable HTTP, "Security
 * Warning"). Empty by default: desktop and server-side clients send no {@code Origin}.
 */
public final class McpSettings {

    public static final String PREFIX = "actiongate.mcp";
    public static final String ALLOWED_ORIGINS = PREFIX + ".allowed-origins";
    /** RFC 6454 §7: scheme "://" host [ ":" port ]; lower case, no path. */
    private static final Pattern ORIGIN = Pattern.compile("(https?)://([a-z0-9.-]+|\\[[0-9a-f:]+\\])(:([0-9]{1,5}|\\*))?");

    private final List<Pattern> allowedOrigins;

    private McpSettings(SettingsReader settings) {
        this.allowedOrigins = origins(settings.list(ALLOWED_ORIGINS).orElse(List.of()));
    }

    public static McpSettings read(SettingsReader settings) {
        return new McpSettings(settings);
    }

    /** Whether a request's {@code Origin} is one of the allowed; compared case-insensitively, as RFC 6454 §6.2 serializes it. */
    public boolean allows(String origin) {
        String serialized = origin.trim().toLowerCase(Locale.ROOT);
        return allowedOrigins.stream().anyMatch(pattern -> pattern.matcher(serialized).matches());
    }

    private static List<Pattern> origins(List<String> entries) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : entries) {
            String origin = entry.trim().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            var match = ORIGIN.matcher(origin);
            if (!match.matches()) {
                throw new InvalidSettingException(ALLOWED_ORIGINS, "holds \"" + entry.trim()
                        + "\", which is not an origin such as https://app.example.com or http://localhost:*");
            }
            String base = match.group(1) + "://" + match.group(2);
            patterns.add("*".equals(match.group(4)) ? Pattern.compile(Pattern.quote(base) + "(:[0-9]{1,5})?")
                    : Pattern.compile(Pattern.quote(origin)));
        }
        return List.copyOf(patterns);
    }
}
