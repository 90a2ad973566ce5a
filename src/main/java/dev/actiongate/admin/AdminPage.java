package dev.actiongate.admin;

import dev.actiongate.usage.AuditEvents;
import dev.actiongate.usage.AuditOperations;
import dev.actiongate.usage.UsageOverview;
import dev.actiongate.web.Html;
import dev.actiongate.web.QueryString;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin page's HTML, written on the server: no script, the charts as inline SVG, every value from a
 * request or the table through {@link Html#escape}. The one style sheet is inline and allowed by its hash
 * alone ({@link #CONTENT_SECURITY_POLICY}), so no injected style or script could run even if a value
 * escaped; style attributes are never used (a hash does not cover them).
 */
final class AdminPage {

    static final String STYLE = """
            :root{color-scheme:light dark;--bar:#2f6fdf;--muted:#6b7280}
            *{box-sizing:border-box}
            body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:72rem;padding:1rem}
            header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
            h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}
            .muted{color:var(--muted)}
            .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
            table{border-collapse:collapse;width:100%;font-size:.92rem}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #8884;vertical-align:top}
            td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.bar{width:40%;min-width:6rem}
            svg.bar{display:block;width:100%;height:.9rem}
            svg.chart{display:block;width:100%;height:auto}
            .bars rect{fill:var(--bar)}
            .axis{font-size:10px;fill:var(--muted)}
            form.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem;align-items:end}
            label{display:flex;flex-direction:column;font-size:.85rem}
            input,select,button{font:inherit;padding:.35rem .45rem;min-height:2.4rem}
            button{cursor:pointer}
            .error{border-left:4px solid #c0392b;padding:.4rem .8rem}
            code{overflow-wrap:anywhere}
            @media (max-width:40rem){body{padding:.6rem}td.bar{display:none}th.bar{display:none}}
            """;
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + hash(STYLE) + "'; img-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The filters of the audit trail, as the form sent them (each may be empty). */
    record Filters(String repo, String person, String operation, String outcome, String from, String to) {

        Map<String, String> asQuery() {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "repo", repo);
            put(query, "person", person);
            put(query, "operation", operation);
            put(query, "outcome", outcome);
            put(query, "from", from);
            put(query, "to", to);
            return query;
        }

        private static void put(Map<String, String> query, String name, String value) {
            if (value != null && !value.isEmpty()) {
                query.put(name, value);
            }
        }
    }

    /** The audit trail's part of the page: a page of events, or the sentence saying why there is none. */
    record AuditSection(AuditEvents events, String problem) {
    }

    private AdminPage() {
    }

    static String dashboard(AdminSession who, UsageOverview usage, Filters filters, AuditSection audit) {
        StringBuilder html = start("ActionGate admin");
        header(html, who);
        html.append("<main>");
        html.append("<h2 id=\"calls\">Calls per day</h2>");
        if (!usage.complete()) {
            html.append("<p class=\"error\">Usage cannot be read right now; reload in a minute.</p>");
        } else {
            html.append("<p class=\"muted\">").append(usage.totalCalls()).append(usage.totalCalls() == 1 ? " call from " : " calls from ").append(usage.from())
                    .append(" to ").append(usage.to()).append(" (UTC days).</p>");
            html.append(UsageChart.svg(usage.days()));
            shares(html, "By operation", "operations", "Operation", usage.byOperation());
            shares(html, "By person", "people", "Person", usage.byPerson());
            refusals(html, usage.refusals());
        }
        audit(html, filters, audit);
        html.append("</main>");
        return end(html);
    }

    static String forbidden(AdminSession who) {
        StringBuilder html = start("ActionGate admin: not for this sign-in");
        header(html, who);
        html.append("<main><h2>This page is for admins</h2><p>You are signed in as <b>").append(Html.escape(who.who()))
                .append("</b>, and your sign-in does not include the <code>admin</code> scope.</p>")
                .append("<p>Ask whoever runs your identity provider to grant you <code>admin</code> for ActionGate, "
                        + "then sign out and sign in again.</p></main>");
        return end(html);
    }

    static String message(String title, String sentence, boolean signInAgain) {
        StringBuilder html = start("ActionGate admin: " + title);
        html.append("<header><h1>").append(Html.escape(title)).append("</h1></header><main><p>").append(Html.escape(sentence)).append("</p>");
        if (signInAgain) {
            html.append("<p><a href=\"/admin\">Sign in to the admin page</a></p>");
        }
        html.append("</main>");
        return end(html);
    }

    private static void header(StringBuilder html, AdminSession who) {
        html.append("<header><h1>ActionGate admin</h1><form method=\"post\" action=\"/admin/sign-out\"><span class=\"muted\">")
                .append(Html.escape(who.who())).append("</span> <button type=\"submit\">Sign out</button></form></header>");
    }

    private static void shares(StringBuilder html, String title, String id, String column, List<UsageOverview.Share> shares) {
        html.append("<h2 id=\"").append(id).append("\">").append(title).append("</h2>");
        if (shares.isEmpty()) {
            html.append("<p class=\"muted\">No calls in these days.</p>");
            return;
        }
        long most = shares.stream().mapToLong(UsageOverview.Share::calls).max().orElse(1);
        html.append("<div class=\"scroll\"><table><thead><tr><th>").append(column)
                .append("</th><th>Calls</th><th class=\"bar\"><span class=\"muted\">share</span></th></tr></thead><tbody>");
        for (UsageOverview.Share share : shares) {
            html.append("<tr><td><code>").append(Html.escape(share.key())).append("</code></td><td class=\"n\">").append(share.calls())
                    .append("</td><td class=\"bar\">").append(UsageChart.bar(share.calls(), most)).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
    }

    private static void refusals(StringBuilder html, List<UsageOverview.RefusalCount> refusals) {
        html.append("<h2 id=\"refusals\">Refusals</h2>");
        if (refusals.isEmpty()) {
            html.append("<p class=\"muted\">No request was refused in these days.</p>");
            return;
        }
        long most = refusals.stream().mapToLong(UsageOverview.RefusalCount::count).max().orElse(1);
        html.append("<div class=\"scroll\"><table><thead><tr><th>Status</th><th>Reason</th><th>Requests</th><th class=\"bar\">"
                + "<span class=\"muted\">share</span></th></tr></thead><tbody>");
        for (UsageOverview.RefusalCount refusal : refusals) {
            html.append("<tr><td>").append(refusal.status()).append("</td><td><code>").append(Html.escape(refusal.reason()))
                    .append("</code></td><td class=\"n\">").append(refusal.count()).append("</td><td class=\"bar\">")
                    .append(UsageChart.bar(refusal.count(), most)).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
    }

    private static void audit(StringBuilder html, Filters filters, AuditSection audit) {
        html.append("<h2 id=\"audit\">Audit trail</h2><form class=\"filters\" method=\"get\" action=\"/admin\">");
        input(html, "repo", "Repository", filters.repo(), "owner/name");
        input(html, "person", "Person", filters.person(), "sub or e-mail");
        select(html, "operation", "Operation", filters.operation(), AuditOperations.OPERATIONS);
        select(html, "outcome", "Outcome", filters.outcome(), AuditOperations.OUTCOMES);
        input(html, "from", "From", filters.from(), "2026-11-25");
        input(html, "to", "To", filters.to(), "2026-11-30");
        html.append("<button type=\"submit\">Filter</button></form>");
        if (audit.problem() != null) {
            html.append("<p class=\"error\">").append(Html.escape(audit.problem())).append("</p>");
            return;
        }
        AuditEvents events = audit.events();
        if (events.events().isEmpty()) {
            html.append("<p class=\"muted\">No audited call matches.</p>");
        } else {
            html.append("<div class=\"scroll\"><table id=\"audit-events\"><thead><tr><th>When</th><th>Who</th><th>Operation</th>"
                    + "<th>Repository</th><th>Target</th><th>Outcome</th><th>Result</th></tr></thead><tbody>");
            for (AuditEvents.Event event : events.events()) {
                html.append("<tr><td class=\"n\">").append(WHEN.format(event.at())).append("</td><td>")
                        .append(Html.escape(event.email() != null ? event.email() : event.subject())).append("</td><td>")
                        .append(Html.escape(event.operation())).append(" <span class=\"muted\">").append(Html.escape(event.face()))
                        .append("</span></td><td><code>").append(Html.escape(event.repo())).append("</code></td><td>")
                        .append(Html.escape(target(event))).append("</td><td>").append(Html.escape(event.outcome())).append(" (")
                        .append(event.status()).append(")</td><td>").append(Html.escape(event.result())).append("</td></tr>");
            }
            html.append("</tbody></table></div>");
        }
        if (events.note() != null) {
            html.append("<p class=\"muted\">").append(Html.escape(events.note())).append("</p>");
        }
        if (events.nextCursor() != null) {
            Map<String, String> next = filters.asQuery();
            next.put("cursor", events.nextCursor());
            html.append("<p><a href=\"").append(Html.escape(QueryString.append("/admin", next))).append("#audit\">Older events</a></p>");
        }
    }

    private static String target(AuditEvents.Event event) {
        StringBuilder target = new StringBuilder();
        if (event.workflow() != null) {
            target.append(event.workflow());
        }
        if (event.runId() != null) {
            target.append(target.isEmpty() ? "" : " ").append("run ").append(event.runId());
        }
        if (event.ref() != null) {
            target.append(" on ").append(event.ref());
        }
        if (event.inputs() != null && !event.inputs().isEmpty()) {
            target.append(' ').append(event.inputs());
        }
        if (event.startedRunId() != null && !event.startedRunId().equals(event.runId())) {
            target.append(", started run ").append(event.startedRunId());
        }
        return target.toString();
    }

    private static void input(StringBuilder html, String name, String label, String value, String placeholder) {
        html.append("<label>").append(label).append("<input name=\"").append(name).append("\" value=\"")
                .append(Html.escape(value == null ? "" : value)).append("\" placeholder=\"").append(Html.escape(placeholder))
                .append("\" maxlength=\"200\"></label>");
    }

    private static void select(StringBuilder html, String name, String label, String value, List<String> options) {
        html.append("<label>").append(label).append("<select name=\"").append(name).append("\"><option value=\"\">any</option>");
        for (String option : options) {
            html.append("<option").append(option.equals(value) ? " selected" : "").append(">").append(Html.escape(option)).append("</option>");
        }
        html.append("</select></label>");
    }

    private static StringBuilder start(String title) {
        return new StringBuilder(16_384).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // same-origin, not no-referrer: with no-referrer a form's POST says Origin: null, which the local server's
                // CORS filter refuses as a drive-by request to localhost.
                .append("<meta name=\"referrer\" content=\"same-origin\"><title>").append(Html.escape(title)).append("</title><style>")
                .append(STYLE).append("</style></head><body>");
    }

    private static String end(StringBuilder html) {
        return html.append("</body></html>").toString();
    }

    /** CSP Level 3 §8.4: the base64 of the SHA-256 of the style element's exact text. */
    private static String hash(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
