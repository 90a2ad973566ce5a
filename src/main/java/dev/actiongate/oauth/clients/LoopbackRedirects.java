package dev.actiongate.oauth.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * RFC 8252 §7.3 and §8.3: a native app listens on a port the operating system picks at run time, so for an
 * {@code http} loopback redirect URI the port is ignored when it is matched against a registration; all
 * else must be equal. {@code /token} then compares exactly with the URI sealed in the code.
 */
public final class LoopbackRedirects {

    private LoopbackRedirects() {
    }

    public static boolean isLoopback(String uri) {
        URI parsed = parse(uri);
        return parsed != null && "http".equals(parsed.getScheme()) && isLoopbackHost(parsed.getHost());
    }

    /** {@code localhost} too: RFC 8252 §8.3 prefers the literal addresses, but desktop MCP clients register it. */
    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("127.0.0.1") || name.equals("[::1]") || name.equals("localhost");
    }

    /** Whether {@code requested} may be used where {@code registered} was registered. */
    public static boolean matches(String registered, String requested) {
        if (registered.equals(requested)) {
            return true;
        }
        URI a = parse(registered);
        URI b = parse(requested);
        if (a == null || b == null || !isLoopback(registered) || !isLoopback(requested)) {
            return false;
        }
        return a.getHost().equalsIgnoreCase(b.getHost()) && Objects.equals(a.getRawPath(), b.getRawPath())
                && Objects.equals(a.getRawQuery(), b.getRawQuery()) && a.getRawUserInfo() == null && b.getRawUserInfo() == null
                && a.getRawFragment() == null && b.getRawFragment() == null;
    }

    private static URI parse(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }
}
