package dev.actiongate.security;

import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The refusals of a request's token and their {@code WWW-Authenticate} challenges (RFC 6750 §3), as each
 * protected resource gives them. The REST API keeps the challenge the GPT has always had; the MCP server
 * adds what an MCP client needs to find where to sign in: {@code resource_metadata} (RFC 9728 §5.1) and the
 * {@code scope} to ask for, and names no error when no token was sent (RFC 6750 §3.1).
 */
@Singleton
public final class Challenges {

    /** RFC 9728 §3.1: the resource's metadata is at the well-known path with the resource's path appended. */
    public static final String MCP_RESOURCE_METADATA = "/.well-known/oauth-protected-resource/mcp";

    private final PublicBaseUrl baseUrl;
    private final RequestableScopes scopes;
    private final Metrics metrics;
    private final ApplicationEventPublisher<Refused> refusals;

    Challenges(PublicBaseUrl baseUrl, RequestableScopes scopes, Metrics metrics, ApplicationEventPublisher<Refused> refusals) {
        this.baseUrl = baseUrl;
        this.refusals = refusals;
        this.metrics = metrics;
        this.scopes = scopes;
    }

    /** 401 for a missing or refused token. */
    public ApiException unauthorized(HttpRequest<?> request, TokenProblem problem) {
        String reason = switch (problem) {
            case MISSING -> "missing_token";
            case ID_TOKEN -> "id_token";
            default -> "invalid_token";
        };
        metrics.count(Metric.REFUSED, "401", reason);
        refusals.publishEvent(new Refused(401, reason));
        ApiException refusal = ErrorCode.INVALID_TOKEN.refusal(problem.message());
        String error = "error=\"invalid_token\", error_description=\"" + problem.description() + "\"";
        if (Face.of(request.getPath()) == Face.GPT) {
            return refusal.challenge("Bearer " + error);
        }
        String discovery = "resource_metadata=\"" + baseUrl.of(request) + MCP_RESOURCE_METADATA + "\", scope=\""
                + String.join(" ", scopes.advertised()) + "\"";
        return refusal.challenge("Bearer " + (problem == TokenProblem.MISSING ? discovery : error + ", " + discovery));
    }

    /** 403 for a valid token without the scope an operation needs, naming every scope it needs (RFC 6750 §3.1). */
    public ApiException insufficientScope(HttpRequest<?> request, List<String> needed) {
        metrics.count(Metric.REFUSED, "403", "insufficient_scope");
        refusals.publishEvent(new Refused(403, "insufficient_scope"));
        ApiException refusal = needed.isEmpty() ? ErrorCode.INSUFFICIENT_SCOPE.refusal()
                : ErrorCode.INSUFFICIENT_SCOPE.refusal("Your sign-in lacks the " + String.join(" or ", needed) + " scope this operation needs. "
                        + "Ask an admin to grant " + String.join(" or ", needed) + ", then sign in again.");
        String challenge = "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", needed) + "\"";
        if (Face.of(request.getPath()) == Face.MCP) {
            challenge += ", resource_metadata=\"" + baseUrl.of(request) + MCP_RESOURCE_METADATA + "\"";
        }
        return refusal.challenge(challenge);
    }
}
