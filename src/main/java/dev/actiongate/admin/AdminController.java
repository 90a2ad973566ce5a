package dev.actiongate.admin;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.oauth.RawQuerySource;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Face;
import dev.actiongate.usage.AuditOperations;
import dev.actiongate.usage.AuditQuery;
import dev.actiongate.usage.UsageOperations;
import dev.actiongate.web.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /admin}, its sign-in callback and {@code POST /admin/sign-out}. Without a session the page
 * sends the browser to sign in; with one it shows the last 30 days to an admin and the 403 page to anyone
 * else. Anonymous to Micronaut Security: the page's own cookie, not a bearer token, says who is asking.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class AdminController {

    static final String PATH = "/admin";
    static final String SIGN_OUT = "/admin/sign-out";
    static final int DAYS = 30;
    private static final int MAX_QUERY = 4096;

    private final AdminSignIn signIn;
    private final AdminCookies cookies;
    private final UsageOperations usage;
    private final AuditOperations audit;
    private final UsageSettings usageSettings;
    private final List<RawQuerySource> rawQueries;

    AdminController(AdminSignIn signIn, AdminCookies cookies, UsageOperations usage, AuditOperations audit, UsageSettings usageSettings,
                    List<RawQuerySource> rawQueries) {
        this.signIn = signIn;
        this.cookies = cookies;
        this.usage = usage;
        this.audit = audit;
        this.usageSettings = usageSettings;
        this.rawQueries = rawQueries;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(uri = PATH, produces = MediaType.TEXT_HTML)
    MutableHttpResponse<String> page(HttpRequest<?> request) {
        if (!signIn.setUp()) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, AdminPage.message("Not set up",
                    "The admin page is not set up on this deployment: it needs the identity provider's client secret and a state key "
                            + "of its own (see the README, \"The admin page\").", false));
        }
        Optional<AdminSession> session = cookies.session(request);
        if (session.isEmpty()) {
            return startSignIn(request);
        }
        if (!session.get().admin()) {
            return page(HttpStatus.FORBIDDEN, AdminPage.forbidden(session.get()));
        }
        Caller caller = caller(session.get());
        Map<String, String> query = query(request);
        AdminPage.Filters filters = new AdminPage.Filters(query.get("repo"), query.get("person"), query.get("operation"),
                query.get("outcome"), query.get("from"), query.get("to"));
        AdminPage.AuditSection trail;
        try {
            trail = new AdminPage.AuditSection(audit.listAuditEvents(caller, new AuditQuery(blank(filters.repo()), blank(filters.person()),
                    blank(filters.operation()), blank(filters.outcome()), blank(filters.from()), blank(filters.to()),
                    AuditQuery.DEFAULT_LIMIT, blank(query.get("cursor")))), null);
        } catch (ApiException refused) {
            trail = new AdminPage.AuditSection(null, refused.body().message());
        }
        return page(HttpStatus.OK, AdminPage.dashboard(session.get(), usage.overview(caller, DAYS), filters, trail));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(uri = AdminSignIn.CALLBACK, produces = MediaType.TEXT_HTML)
    MutableHttpResponse<String> callback(HttpRequest<?> request) {
        if (!signIn.setUp()) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, AdminPage.message("Not set up", "The admin page is not set up on this deployment.", false));
        }
        Optional<PendingAdminSignIn> pending = cookies.signIn(request);
        AdminSession session;
        try {
            session = signIn.finish(request, pending, query(request));
        } catch (AdminSignIn.Failure failure) {
            return page(HttpStatus.valueOf(failure.status()), AdminPage.message("Not signed in", failure.getMessage(), true))
                    .cookie(cookies.clearedSignIn());
        }
        String back = AdminSignIn.returnQuery(pending.orElseThrow());
        // 303: the browser goes on to the page with a GET (RFC 9110 §15.4.4), so a reload never replays the code.
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, back.isEmpty() ? PATH : PATH + "?" + back)
                .cookie(cookies.session(session)).cookie(cookies.clearedSignIn());
    }

    @Post(uri = SIGN_OUT, consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    MutableHttpResponse<String> signOut() {
        return page(HttpStatus.OK, AdminPage.message("Signed out", "You are signed out of the admin page in this browser.", true))
                .cookie(cookies.clearedSession());
    }

    private MutableHttpResponse<String> startSignIn(HttpRequest<?> request) {
        AdminSignIn.Start start;
        try {
            start = signIn.start(request, rawQuery(request));
        } catch (AdminSignIn.Failure failure) {
            return page(HttpStatus.valueOf(failure.status()), AdminPage.message("Not signed in", failure.getMessage(), true));
        }
        // A stale session cookie (expired, or from another key) goes with the redirect.
        MutableHttpResponse<String> redirect = HttpResponse.<String>status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, start.url())
                .cookie(cookies.signIn(start.pending()));
        return request.getCookies().contains(AdminCookies.SESSION) ? redirect.cookie(cookies.clearedSession()) : redirect;
    }

    private MutableHttpResponse<String> page(HttpStatus status, String html) {
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Content-Security-Policy", AdminPage.CONTENT_SECURITY_POLICY).body(html);
    }

    private Caller caller(AdminSession session) {
        return new Caller(session.subject(), session.email(), null, null, new LinkedHashSet<>(session.scopes()), null,
                usageSettings.defaultTier(), Face.GPT);
    }

    private String rawQuery(HttpRequest<?> request) {
        for (RawQuerySource source : rawQueries) {
            Optional<String> raw = source.rawQuery(request);
            if (raw.isPresent()) {
                return raw.get();
            }
        }
        String raw = request.getUri().getRawQuery();
        return raw == null ? "" : raw;
    }

    /** The query's parameters, the first of a repeated name winning; a query too long to be the page's own is ignored. */
    private Map<String, String> query(HttpRequest<?> request) {
        String raw = rawQuery(request);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw.isEmpty() || raw.length() > MAX_QUERY) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value.trim());
            } catch (IllegalArgumentException malformed) {
                // A broken escape is a hand-edited URL: that parameter is left out.
            }
        }
        return parameters;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
