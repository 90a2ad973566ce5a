package dev.actiongate.devops.github;

import dev.actiongate.config.Secrets;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.web.RequestTally;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls GitHub through {@link GithubApi} and turns every way it can fail into an answer the GPT can
 * explain: 404 stays 404, a token without the permission is a 502 naming it, a rejected request is a
 * 400 with GitHub's reason, a rate limit is a 429 with Retry-After, an outage or timeout 502/504.
 * While GitHub's requests left this hour are under the reserve ({@link GithubBudget}), reads are
 * refused with a 429 before they are sent; mutations go ahead.
 */
@Singleton
public final class Github {

    private static final Logger LOG = LoggerFactory.getLogger(Github.class);
    private static final int MAX_REASON = 300;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final GithubApi api;
    private final Secrets secrets;
    private final GithubBudget budget;
    private final Clock clock;
    private final Metrics metrics;

    Github(GithubApi api, Secrets secrets, GithubBudget budget, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.api = api;
        this.secrets = secrets;
        this.budget = budget;
        this.clock = clock;
    }

    public GithubApi api() {
        return api;
    }

    /**
     * @param permission what the call needs from ActionGate's token
     * @param what       the thing asked for, for the person: "run 42 in acme/web"
     */
    public <T> T call(GithubPermission permission, String what, Supplier<T> call) {
        return call(permission, what, call, permission.writes());
    }

    /**
     * A read that completes a mutation already made (finding the run a trigger started): it may spend
     * the reserve, since refusing it would answer 429 for a trigger that went through.
     */
    public <T> T callForMutation(GithubPermission permission, String what, Supplier<T> call) {
        return call(permission, what, call, true);
    }

    /** Whether a read would be sent now; false while GitHub's requests left are under the reserve. */
    public boolean readsAllowed() {
        return budget.low().isEmpty();
    }

    private <T> T call(GithubPermission permission, String what, Supplier<T> call, boolean mayUseReserve) {
        if (secrets.githubToken().isEmpty()) {
            throw ErrorCode.GITHUB_NOT_CONFIGURED.refusal();
        }
        Optional<GithubBudget.Window> low = mayUseReserve ? Optional.empty() : budget.low();
        if (low.isPresent()) {
            metrics.count(Metric.GITHUB_ERROR, "budget_low");
            throw budgetLow(low.get());
        }
        RequestTally.countGithubRequest();
        T result;
        try {
            result = call.get();
        } catch (HttpClientResponseException e) {
            throw answer(e.getResponse(), permission, what);
        } catch (HttpClientException e) {
            if (timedOut(e)) {
                metrics.count(Metric.GITHUB_ERROR, "timeout");
                LOG.warn("GitHub did not answer in time ({})", what);
                throw ErrorCode.GITHUB_TIMEOUT.refusal("GitHub did not answer in time; try again in a moment.");
            }
            metrics.count(Metric.GITHUB_ERROR, "unavailable");
            LOG.warn("GitHub could not be reached: {}", e.getClass().getSimpleName());
            throw ErrorCode.GITHUB_UNREACHABLE.refusal("GitHub cannot be reached right now; try again in a moment.");
        }
        // The declarative client answers a 404 with null rather than an exception.
        if (result == null || result instanceof HttpResponse<?> response && response.code() == 404) {
            throw answer(HttpResponse.notFound(), permission, what);
        }
        return result;
    }

    private ApiException budgetLow(GithubBudget.Window window) {
        Duration wait = Duration.between(clock.instant(), window.reset());
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        String until = HOUR_MINUTE.format(window.reset()) + " UTC (in about " + minutes + (minutes == 1 ? " minute)" : " minutes)");
        String message = window.remaining() == 0
                ? "ActionGate has used up this hour's GitHub requests, which everyone shares; reading resumes at " + until + "."
                : "ActionGate's GitHub requests for this hour, shared by everyone, are down to the last " + window.remaining()
                        + ", kept for starting, cancelling and re-running runs; reading resumes at " + until + ".";
        return ErrorCode.GITHUB_BUDGET_LOW.refusal(message).retryAfter(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /** Micronaut's JDK client reports a read timeout as a client exception caused by the JDK's own. */
    private static boolean timedOut(HttpClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadTimeoutException || cause instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private ApiException answer(HttpResponse<?> response, GithubPermission permission, String what) {
        int status = response.code();
        String reason = reason(response);
        if ((status == 403 || status == 429) && rateLimited(response)) {
            metrics.count(Metric.GITHUB_ERROR, "rate_limited");
            return ErrorCode.GITHUB_RATE_LIMITED.refusal().retryAfter(retryAfter(response));
        }
        if (status == 404) {
            return ErrorCode.NOT_FOUND.refusal("GitHub has no " + what + ", or ActionGate's GitHub token cannot see it.");
        }
        if (status == 401) {
            metrics.count(Metric.GITHUB_ERROR, "refused");
            LOG.error("GitHub refused ActionGate's token (401)");
            return ErrorCode.GITHUB_TOKEN_REFUSED.refusal("GitHub refused ActionGate's token (it may have expired or been revoked); an admin must replace actiongate.github.token.");
        }
        if (status == 403) {
            metrics.count(Metric.GITHUB_ERROR, "refused");
            LOG.warn("GitHub refused {} for lack of permission", what);
            return ErrorCode.GITHUB_PERMISSION_MISSING.refusal("ActionGate's GitHub token lacks the \"" + permission.label() + "\" permission for " + what
                            + "; an admin must grant it.");
        }
        if (status == 409) {
            return ErrorCode.GITHUB_CONFLICT.refusal("GitHub refused: " + reason);
        }
        if (status == 422 || status == 400) {
            return ErrorCode.GITHUB_REJECTED.refusal("GitHub refused the request: " + reason);
        }
        metrics.count(Metric.GITHUB_ERROR, "unavailable");
        LOG.warn("GitHub answered {} for {}", status, what);
        return ErrorCode.GITHUB_UNAVAILABLE.refusal("GitHub is having problems right now (HTTP " + status + "); try again in a moment.");
    }

    /** GitHub's documented signals: no requests left, or a secondary limit with Retry-After. */
    private static boolean rateLimited(HttpResponse<?> response) {
        return "0".equals(response.getHeaders().get("x-ratelimit-remaining")) || response.getHeaders().get("retry-after") != null;
    }

    private Duration retryAfter(HttpResponse<?> response) {
        String retryAfter = response.getHeaders().get("retry-after");
        if (retryAfter != null && retryAfter.matches("[0-9]{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(retryAfter));
        }
        String reset = response.getHeaders().get("x-ratelimit-reset");
        if (reset != null && reset.matches("[0-9]{1,12}")) {
            Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset)));
            return untilReset.isNegative() ? Duration.ofSeconds(1) : untilReset;
        }
        return Duration.ofSeconds(60);
    }

    private static String reason(HttpResponse<?> response) {
        Object message = response.getBody(Map.class).map(body -> body.get("message")).orElse(null);
        String text = message instanceof String value && !value.isBlank() ? value : "HTTP " + response.code();
        text = text.replaceAll("[^\\x20-\\x7E]", " ").trim();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }
}
