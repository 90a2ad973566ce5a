package dev.actiongate.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Appends parameters to a URL, each percent-encoded as RFC 3986 requires (space as %20, never +). */
public final class QueryString {

    private QueryString() {
    }

    public static String append(String url, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(url);
        char separator = url.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() == null) {
                continue;
            }
            out.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return out.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
