package dev.actiongate.oauth;

import dev.actiongate.oauth.clients.Client;
import dev.actiongate.security.Scopes;
import dev.actiongate.web.Html;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The page that asks a person whether a client may act for them: who the client says it is (and who vouches
 * for that: nobody for a registered client, the host of its metadata document otherwise), where the browser
 * goes back to, and what it asks for, in plain words. Everything a client supplied is escaped.
 */
final class ConsentPage {

    /**
     * The page's own policy: like every page it loads nothing and may be framed by no one (clickjacking of the
     * Approve button). It sets no {@code form-action}: browsers apply it to the redirects after the POST too,
     * and those lead to the identity provider and to the client, whose origins the page does not know.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry(Scopes.WORKFLOWS_READ, "See the workflows and runs of the team's repositories"),
            Map.entry(Scopes.WORKFLOWS_TRIGGER, "Start, cancel and re-run workflows"),
            Map.entry(Scopes.DEPLOYMENTS_READ, "See deployments"),
            Map.entry(Scopes.LOGS_READ, "Read the logs of runs"),
            Map.entry(Scopes.ANALYTICS_READ, "See your usage of ActionGate"),
            Map.entry(Scopes.ADMIN, "See everyone's usage of ActionGate"),
            Map.entry("openid", "Know who you are"),
            Map.entry("profile", "See your name"),
            Map.entry("email", "See your email address"),
            Map.entry("offline_access", "Stay signed in when you are not using it"));

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;"
            + "line-height:1.5;color:#1b1b1b}h1{font-size:1.4rem}.who{background:#f4f4f4;padding:.75rem 1rem;border-radius:.4rem}"
            + ".warn{color:#8a3b00;font-weight:600}button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.75rem;border-radius:.3rem;"
            + "border:1px solid #555;cursor:pointer}button.approve{background:#1f6f3f;color:#fff;border-color:#1f6f3f}"
            + "label{display:block;margin:1rem 0}";

    private ConsentPage() {
    }

    static String render(Client client, AuthorizationRequest asked, String ticket, boolean rememberable) {
        String name = client.name() == null || client.name().isBlank() ? "An application without a name" : client.name();
        StringBuilder page = new StringBuilder(2048);
        page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Allow access to ActionGate?</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Allow <strong>").append(Html.escape(name)).append("</strong> to use ActionGate for you?</h1>")
                .append("<div class=\"who\"><p>");
        switch (client.kind()) {
            case REGISTERED -> page.append("<span class=\"warn\">Unverified:</span> this name is what the application said of itself"
                    + " when it registered; ActionGate cannot confirm it.");
            case METADATA_DOCUMENT -> page.append("Described by <strong>").append(Html.escape(text(client.documentHost())))
                    .append("</strong>.");
            case GPT -> page.append("The GPT configured for ActionGate.");
        }
        page.append("</p><p>After you answer you go back to <strong>").append(Html.escape(redirectHost(asked.redirectUri())))
                .append("</strong>.</p></div>")
                .append("<p>If you allow it, it can, as you:</p><ul>");
        for (String scope : scopes(asked.scope())) {
            page.append("<li>").append(Html.escape(WORDS.getOrDefault(scope, scope))).append("</li>");
        }
        page.append("</ul><p>Only allow applications you started the sign-in from and trust.</p>")
                .append("<form method=\"post\" action=\"").append(ConsentController.PATH).append("\">")
                .append("<input type=\"hidden\" name=\"ticket\" value=\"").append(Html.escape(ticket)).append("\">");
        if (rememberable) {
            page.append("<label><input type=\"checkbox\" name=\"remember\" value=\"yes\"> Remember my answer for this application</label>");
        }
        page.append("<button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>")
                .append("</form></body></html>");
        return page.toString();
    }

    private static Set<String> scopes(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : scope.split(" ")) {
            if (!name.isEmpty()) {
                scopes.add(name);
            }
        }
        return scopes;
    }

    /** The host a person recognises; a private-use scheme (RFC 8252 §7.1) has none, so its scheme is shown. */
    private static String redirectHost(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            if (uri.getHost() != null) {
                return uri.getHost();
            }
            return uri.getScheme() != null ? uri.getScheme() + ":" : redirectUri;
        } catch (URISyntaxException e) {
            return redirectUri;
        }
    }

    private static String text(String value) {
        return value == null ? "an unknown host" : value;
    }
}
