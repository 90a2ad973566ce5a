package dev.actiongate.devops.github;

import dev.actiongate.config.GithubSettings;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import io.micronaut.http.HttpHeaders;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What GitHub last said about the hour of requests ActionGate's token has left, read from the
 * {@code X-RateLimit-*} headers of every answer. Everyone's calls share that hour: under
 * {@code actiongate.github.rate-limit-reserve} requests left, reads wait for the reset, so that reading
 * can never spend what triggering, cancelling and re-running need.
 */
@Singleton
final class GithubBudget {

    /** One rate-limit window as GitHub reported it; {@code limit} is 0 when GitHub did not say. */
    record Window(long remaining, long limit, Instant reset) {
    }

    private final AtomicReference<Window> last = new AtomicReference<>();
    private final int reserve;
    private final Clock clock;
    private final Metrics metrics;

    GithubBudget(GithubSettings settings, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.reserve = settings.rateLimitReserve();
        this.clock = clock;
    }

    /** Answers without the headers (GitHub Enterprise Server with rate limiting off) change nothing. */
    void observe(HttpHeaders headers) {
        Long remaining = number(headers.get("x-ratelimit-remaining"));
        Long reset = number(headers.get("x-ratelimit-reset"));
        if (remaining == null || reset == null) {
            return;
        }
        metrics.record(Metric.GITHUB_RATE_LIMIT_REMAINING, remaining);
        Long limit = number(headers.get("x-ratelimit-limit"));
        last.accumulateAndGet(new Window(remaining, limit == null ? 0 : limit, Instant.ofEpochSecond(reset)), GithubBudget::newer);
    }

    /** The window while reads must wait for its reset; empty when they may go ahead. */
    Optional<Window> low() {
        Window window = last.get();
        if (window == null || !clock.instant().isBefore(window.reset())) {
            return Optional.empty();
        }
        // Never more than half the hour's limit, so that a small limit still leaves room to read.
        long kept = window.limit() > 0 ? Math.min(reserve, window.limit() / 2) : reserve;
        return window.remaining() < kept ? Optional.of(window) : Optional.empty();
    }

    /** Answers of parallel calls arrive in any order: within one window the count only goes down. */
    private static Window newer(Window known, Window seen) {
        if (known == null || seen.reset().isAfter(known.reset())) {
            return seen;
        }
        return seen.reset().equals(known.reset()) && seen.remaining() < known.remaining() ? seen : known;
    }

    private static Long number(String value) {
        return value != null && value.matches("[0-9]{1,12}") ? Long.valueOf(value) : null;
    }
}
