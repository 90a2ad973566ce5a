package dev.actiongate.telemetry;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.NOPLoggingEventBuilder;

import java.util.Set;

/**
 * One log line per OAuth step (logger {@value #LOGGER}) and its metric, written together so the two cannot
 * disagree: the sign-in funnel reads the same from the logs as from the metrics. Fields: {@code step},
 * {@code outcome}, {@code clientKind}, {@code grant}, {@code reason}, {@code subject}; never a code, token, client
 * id or query string.
 */
@Singleton
public final class SignInEvents {

    static final String LOGGER = "dev.actiongate.signin";
    /** The bounded reasons of {@link Metric#SIGN_IN_FAILED}; anything else is counted as {@code invalid_request}. */
    static final Set<String> REASONS = Set.of("invalid_request", "invalid_scope", "invalid_target", "unsupported_response_type",
            "access_denied", "provider_error", "expired", "replayed_callback", "not_approved_here", "unavailable");
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** Who is signing in: the GPT (confidential) or an MCP client (public). */
    public enum ClientKind {
        GPT, MCP;

        public static ClientKind of(boolean publicClient) {
            return publicClient ? MCP : GPT;
        }

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Metrics metrics;

    SignInEvents(Metrics metrics) {
        this.metrics = metrics;
    }

    /** {@code /authorize} sent the person on to the provider, or showed the consent page. */
    public void started(ClientKind kind, boolean consentShown) {
        metrics.count(Metric.SIGN_IN_STARTED, kind.value());
        line("authorize", consentShown ? "consent_shown" : "redirected", kind).log("Sign-in started");
    }

    /** {@code /authorize} refused the request (to the person, or redirected back with an error). */
    public void authorizeRefused(String reason) {
        failed("authorize", "refused", null, reason, "Sign-in refused at authorize");
    }

    public void consentApproved(ClientKind kind) {
        line("consent", "approved", kind).log("Consent approved");
    }

    public void consentDenied(ClientKind kind) {
        failed("consent", "denied", kind, "access_denied", "Consent denied");
    }

    public void consentRefused(String reason) {
        failed("consent", "refused", null, reason, "Consent answer refused");
    }

    /** The callback sent the client its code. */
    public void codeIssued(ClientKind kind) {
        metrics.count(Metric.SIGN_IN_COMPLETED, kind.value());
        line("callback", "code_issued", kind).log("Sign-in completed");
    }

    public void callbackRefused(ClientKind kind, String reason) {
        failed("callback", "refused", kind, reason, "Sign-in callback refused");
    }

    /**
     * A {@code /token} exchange and how it ended.
     *
     * @param grant   authorization_code or refresh_token (null: an unknown grant, logged but not counted)
     * @param outcome ok, refused, upstream_error or unavailable
     */
    public void token(String grant, String outcome, ClientKind kind, String reason) {
        boolean counted = grant != null && ("authorization_code".equals(grant) || "refresh_token".equals(grant));
        if (counted) {
            metrics.count(Metric.TOKEN_EXCHANGE, grant, outcome);
        }
        LoggingEventBuilder line = line("token", outcome, kind).addKeyValue("grant", counted ? grant : "other");
        if (reason != null) {
            line = line.addKeyValue("reason", reason);
        }
        line.log("Token exchange");
    }

    /** A repeated exchange answered with the first answer. */
    public void replayServed(String grant) {
        metrics.count(Metric.REPLAY_SERVED, grant);
        line("token", "replayed", null).addKeyValue("grant", grant).log("Token exchange replay served");
    }

    public void registered() {
        line("register", "ok", ClientKind.MCP).log("Client registered");
    }

    public void registerRefused(String reason) {
        line("register", "refused", ClientKind.MCP).addKeyValue("reason", reason).log("Client registration refused");
    }

    private void failed(String step, String outcome, ClientKind kind, String reason, String message) {
        String bounded = "temporarily_unavailable".equals(reason) || "server_error".equals(reason) ? "unavailable"
                : REASONS.contains(reason) ? reason : "invalid_request";
        metrics.count(Metric.SIGN_IN_FAILED, bounded);
        line(step, outcome, kind).addKeyValue("reason", bounded).log(message);
    }

    private LoggingEventBuilder line(String step, String outcome, ClientKind kind) {
        if (metrics.muted()) {
            return NOPLoggingEventBuilder.singleton(); // SnapStart's priming requests
        }
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("step", step).addKeyValue("outcome", outcome);
        return kind == null ? line : line.addKeyValue("clientKind", kind.value());
    }
}
