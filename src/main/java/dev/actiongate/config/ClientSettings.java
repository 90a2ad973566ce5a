package dev.actiongate.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code actiongate.oauth.clients.*}: which MCP clients may sign in besides the GPT. A Client ID Metadata
 * Document's URL must match one of {@code metadata-documents} ({@code *} stands for any characters of the
 * path, never of the host); a redirect URI of a document or a registration must be loopback http, on a host
 * of {@code redirect-hosts} ({@code *.} for any subdomain), or use a private-use scheme (RFC 8252 §7.1: a
 * reverse-DNS name, or one of {@code redirect-schemes}); {@code registration} opens or closes {@code /register}.
 * The defaults cover ChatGPT, Claude, Claude Code, VS Code and Cursor.
 */
public final class ClientSettings {

    public static final String PREFIX = OAuthSettings.PREFIX + ".clients";
    public static final String METADATA_DOCUMENTS = PREFIX + ".metadata-documents";
    public static final String REDIRECT_HOSTS = PREFIX + ".redirect-hosts";
    public static final String REDIRECT_SCHEMES = PREFIX + ".redirect-schemes";
    public static final String REGISTRATION = PREFIX + ".registration";

    /** Where ChatGPT, Claude (claude.ai and claude.com), Claude Code and VS Code publish their documents. */
    public static final List<String> DEFAULT_METADATA_DOCUMENTS = List.of(
            "https://chatgpt.com/oauth/*",
            "https://claude.ai/oauth/*",
            "https://claude.com/oauth/*",
            "https://vscode.dev/oauth/*",
            "https://insiders.vscode.dev/oauth/*");
    /** ChatGPT's connectors, Claude's web callback, VS Code's web redirect, Cursor's hosted agents. */
    public static final List<String> DEFAULT_REDIRECT_HOSTS = List.of(
            "chatgpt.com", "claude.ai", "claude.com", "vscode.dev", "insiders.vscode.dev", "www.cursor.com");
    /** Cursor's desktop callback {@code cursor://anysphere.cursor-mcp/oauth/callback}: a scheme without a dot. */
    public static final List<String> DEFAULT_REDIRECT_SCHEMES = List.of("cursor");

    private static final Pattern HOST = Pattern.compile("(\\*\\.)?([a-z0-9-]+\\.)*[a-z0-9-]+");
    /** RFC 3986 §3.1. */
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final List<String> NOT_PRIVATE_USE = List.of("http", "https", "javascript", "data", "file", "blob",
            "vbscript", "about", "ftp", "ws", "wss", "mailto", "tel");

    private final List<String> metadataDocuments;
    private final List<String> redirectHosts;
    private final List<String> redirectSchemes;
    private final boolean registrationOpen;

    private ClientSettings(SettingsReader settings) {
        this.metadataDocuments = entries(settings, METADATA_DOCUMENTS, DEFAULT_METADATA_DOCUMENTS).stream()
                .map(ClientSettings::documentPattern).toList();
        this.redirectHosts = entries(settings, REDIRECT_HOSTS, DEFAULT_REDIRECT_HOSTS).stream()
                .map(host -> checked(REDIRECT_HOSTS, host.toLowerCase(Locale.ROOT), HOST, "a host name such as claude.ai or *.example.com"))
                .toList();
        this.redirectSchemes = entries(settings, REDIRECT_SCHEMES, DEFAULT_REDIRECT_SCHEMES).stream()
                .map(scheme -> privateUse(scheme.toLowerCase(Locale.ROOT))).toList();
        String registration = settings.string(REGISTRATION).orElse("open").toLowerCase(Locale.ROOT);
        if (!registration.equals("open") && !registration.equals("closed")) {
            throw new InvalidSettingException(REGISTRATION, "must be open or closed");
        }
        this.registrationOpen = registration.equals("open");
    }

    public static ClientSettings read(SettingsReader settings) {
        return new ClientSettings(settings);
    }

    /** Patterns of the metadata-document URLs that may sign in; {@code *} stands for any characters of the path. */
    public List<String> metadataDocuments() {
        return metadataDocuments;
    }

    /** Host names an https redirect URI may have; {@code *.example.com} for any subdomain of example.com. */
    public List<String> redirectHosts() {
        return redirectHosts;
    }

    /** Private-use schemes without a dot that a redirect URI may have besides reverse-DNS ones. */
    public List<String> redirectSchemes() {
        return redirectSchemes;
    }

    /** Whether {@code POST /register} registers clients (RFC 7591). */
    public boolean registrationOpen() {
        return registrationOpen;
    }

    /** The entries of a list; {@code none} for an empty one, unset for the defaults. */
    private static List<String> entries(SettingsReader settings, String property, List<String> defaults) {
        List<String> entries = new ArrayList<>();
        for (String entry : settings.list(property).orElse(defaults)) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidSettingException(property, "is empty: leave it unset for the defaults, or write none");
        }
        if (entries.size() == 1 && entries.getFirst().equalsIgnoreCase("none")) {
            return List.of();
        }
        return List.copyOf(entries);
    }

    private static String documentPattern(String pattern) {
        URI uri = Setting.url(METADATA_DOCUMENTS, pattern.replace("*", "x"));
        int pathStart = pattern.indexOf('/', pattern.indexOf("://") + 3);
        int star = pattern.indexOf('*');
        if (pathStart < 0 || uri.getRawPath().length() < 2 || (star >= 0 && star < pathStart)) {
            throw new InvalidSettingException(METADATA_DOCUMENTS, "holds \"" + pattern
                    + "\": give a URL with a path, * only in the path, e.g. https://claude.ai/oauth/*");
        }
        return pattern;
    }

    private static String privateUse(String scheme) {
        checked(REDIRECT_SCHEMES, scheme, SCHEME, "a URI scheme such as cursor");
        if (NOT_PRIVATE_USE.contains(scheme)) {
            throw new InvalidSettingException(REDIRECT_SCHEMES, "holds \"" + scheme + "\", which is not a private-use scheme");
        }
        return scheme;
    }

    private static String checked(String property, String value, Pattern form, String example) {
        if (!form.matcher(value).matches()) {
            throw new InvalidSettingException(property, "holds \"" + value + "\", which is not " + example);
        }
        return value;
    }
}
