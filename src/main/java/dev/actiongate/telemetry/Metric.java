package dev.actiongate.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Every metric ActionGate emits, in CloudWatch namespace {@value #NAMESPACE}: its name, unit and dimensions.
 * The one place names are defined; the template's alarms and dashboard name only these ({@code TemplateTest}).
 * Dimensions are bounded value sets (a function, an operation, an outcome class), never a person.
 */
public enum Metric {
    /** A sign-in began at {@code /authorize} and went on to the provider (or to the consent page). */
    SIGN_IN_STARTED("SignInStarted", Unit.COUNT, Rollups.FUNCTION_ALONE, Dimension.CLIENT_KIND),
    /** The callback sent the client a code. */
    SIGN_IN_COMPLETED("SignInCompleted", Unit.COUNT, Dimension.CLIENT_KIND),
    /** A sign-in ended without a code: refused at /authorize, denied at consent, the provider's error, a bad callback. */
    SIGN_IN_FAILED("SignInFailed", Unit.COUNT, Rollups.FUNCTION_ALONE, Dimension.REASON),
    /** A {@code /token} exchange, by grant and outcome ({@code ok}, {@code refused}, {@code upstream_error}, {@code unavailable}). */
    TOKEN_EXCHANGE("TokenExchange", Unit.COUNT, Dimension.GRANT, Dimension.OUTCOME),
    /** A repeated {@code /token} exchange answered with the first answer. */
    REPLAY_SERVED("ReplayServed", Unit.COUNT, Dimension.GRANT),
    /** An API or MCP call, by face, operation and status class. */
    CALL("Call", Unit.COUNT, List.of(List.of(Dimension.STATUS_CLASS), List.of()), Dimension.FACE, Dimension.OPERATION,
            Dimension.STATUS_CLASS),
    /** A request refused with 401 or 403, by status and reason. */
    REFUSED("Refused", Unit.COUNT, Dimension.STATUS, Dimension.REASON),
    /** A call refused because the person's daily quota is used up. */
    QUOTA_REFUSED("QuotaRefused", Unit.COUNT, Dimension.OPERATION),
    /** GitHub answered with an error or did not answer, by kind. */
    GITHUB_ERROR("GithubError", Unit.COUNT, Dimension.REASON),
    /** GitHub's {@code X-RateLimit-Remaining} as last seen. */
    GITHUB_RATE_LIMIT_REMAINING("GithubRateLimitRemaining", Unit.NONE),
    /** A DynamoDB call that failed or was skipped by the breaker, by store. */
    TABLE_FAILURE("TableFailure", Unit.COUNT, Dimension.STORE),
    /** The identity provider's time to answer, by endpoint. */
    PROVIDER_LATENCY("ProviderLatency", Unit.MILLISECONDS, Dimension.ENDPOINT),
    /** The identity provider failed or did not answer, by endpoint. */
    PROVIDER_ERROR("ProviderError", Unit.COUNT, Dimension.ENDPOINT),
    /** The first request of an instance (a cold start or the first after a SnapStart restore). */
    COLD_START("ColdStart", Unit.COUNT, Dimension.FUNCTION);

    public static final String NAMESPACE = "ActionGate";

    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        NONE("None");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** Every metric also carries {@link #FUNCTION}; the others are per metric. */
    public enum Dimension {
        FUNCTION("Function"),
        CLIENT_KIND("ClientKind"),
        REASON("Reason"),
        GRANT("Grant"),
        OUTCOME("Outcome"),
        FACE("Face"),
        OPERATION("Operation"),
        STATUS_CLASS("StatusClass"),
        STATUS("Status"),
        STORE("Store"),
        ENDPOINT("Endpoint");

        private final String cloudWatchName;

        Dimension(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /**
     * The coarser dimension sets some metrics are also published under, so that an alarm can read one series where
     * the full set has one per operation or reason: more than the 10 metrics an alarm's math may read, and two
     * Metrics Insights queries cannot be one alarm (a GetMetricData request takes one query).
     */
    private static final class Rollups {
        static final List<List<Dimension>> FUNCTION_ALONE = List.of(List.of());
    }

    private final String metricName;
    private final Unit unit;
    private final List<Dimension> dimensions;
    private final List<List<String>> dimensionSets;

    Metric(String metricName, Unit unit, Dimension... dimensions) {
        this(metricName, unit, List.of(), dimensions);
    }

    Metric(String metricName, Unit unit, List<List<Dimension>> rollups, Dimension... dimensions) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensions = List.of(dimensions);
        for (List<Dimension> rollup : rollups) {
            if (!this.dimensions.containsAll(rollup) || rollup.size() >= dimensions.length) {
                throw new IllegalArgumentException(metricName + ": a rollup is a smaller set of the metric's dimensions");
            }
        }
        List<List<String>> sets = new ArrayList<>();
        sets.add(names(this.dimensions));
        for (List<Dimension> rollup : rollups) {
            sets.add(names(rollup));
        }
        this.dimensionSets = List.copyOf(sets);
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimensions besides {@link Dimension#FUNCTION}. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /**
     * The names of every dimension set the metric is published under, {@code Function} first in each: all its
     * dimensions, then its rollups (the Function alone; the Function and the status class).
     */
    public List<List<String>> dimensionSets() {
        return dimensionSets;
    }

    /** The names of {@link Dimension#FUNCTION} and these dimensions, in that order (plain loops: this runs at class init). */
    private static List<String> names(List<Dimension> dimensions) {
        List<String> names = new ArrayList<>(List.of(Dimension.FUNCTION.cloudWatchName()));
        for (Dimension dimension : dimensions) {
            if (dimension != Dimension.FUNCTION) {
                names.add(dimension.cloudWatchName());
            }
        }
        return List.copyOf(names);
    }
}
