package dev.actiongate.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** Checks shared by the settings classes; each failure names the property it is about. */
public final class Setting {

    static final String POSITIVE_DURATION = "must be a positive duration such as 30s or 5m";

    private Setting() {
    }

    public static String required(String property, String value, String hint) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(property, "is missing: " + hint);
        }
        return value.trim();
    }

    /** An absolute http(s) URL; plain http only for loopback hosts, where nothing leaves the machine. */
    public static URI url(String property, String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(property, "is not a URL: give an absolute https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidSettingException(property, "is not an absolute URL: give an https:// URL");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidSettingException(property, "must use https:// (plain http is only accepted for localhost)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(property, "must not carry a query or a fragment");
        }
        return uri;
    }

    public static Duration positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(property, POSITIVE_DURATION);
        }
        return value;
    }

    /** Hosts where plain http never leaves the machine. */
    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.endsWith(".localhost");
    }

    /** Drops one trailing slash so that paths can be appended. */
    public static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
