package dev.actiongate.dynamodb;

import dev.actiongate.store.Refusal;
import dev.actiongate.store.Tally;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The one table's layout: every kind of item, its keys and its attributes. template.yaml declares the
 * same key names, index and TTL attribute, and grants each function only the key prefixes it writes
 * ({@code TemplateTest} holds the two to each other).
 * <ul>
 *   <li>usage counter: {@code usage#<sub>} / {@code day#<date>}, indexed by day ({@code byDay}:
 *       {@code day#<date>} / {@code <sub>}) so an admin's report reads one day of everyone at a time</li>
 *   <li>profile: {@code user#<sub>} / {@code profile}</li>
 *   <li>audit record: {@code audit#<date>} / {@code <instant>#<random>}, indexed by person ({@code byActor}:
 *       {@code actor#<sub>} / the same sort key) so a person's events are read without walking the days</li>
 *   <li>replay answer of the bridge: {@code replay#<hmac>} / {@code token-answer}</li>
 *   <li>single-use sign-in callback: {@code callback#<hmac>} / {@code used}</li>
 *   <li>a public client's refresh-token family: {@code refresh#<hmac>} / {@code family}, holding an HMAC of its
 *       current generation and a revoked flag</li>
 *   <li>refusals of a day (401, 403, 429 by reason): {@code refusal#all} / {@code day#<date>}, one counter per
 *       reason, so the admin page reads a month with one query</li>
 * </ul>
 */
public final class TableLayout {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** Epoch seconds after which DynamoDB may delete the item. */
    public static final String TIME_TO_LIVE = "ttl";

    public static final String USAGE_PREFIX = "usage#";
    public static final String USER_PREFIX = "user#";
    public static final String DAY_PREFIX = "day#";
    public static final String AUDIT_PREFIX = "audit#";
    public static final String REPLAY_PREFIX = "replay#";
    public static final String CALLBACK_PREFIX = "callback#";
    public static final String REFRESH_PREFIX = "refresh#";
    public static final String ACTOR_PREFIX = "actor#";
    public static final String REFUSAL_PREFIX = "refusal#";

    public static final String BY_DAY_INDEX = "byDay";
    public static final String BY_DAY_PARTITION = "dayKey";
    public static final String BY_DAY_SORT = "subject";

    public static final String BY_ACTOR_INDEX = "byActor";
    public static final String BY_ACTOR_PARTITION = "actor";
    /** The index sorts a person's records by the table's own sort key: by time. */
    public static final String BY_ACTOR_SORT = SORT_KEY;

    static final String PROFILE = "profile";
    static final String TOKEN_ANSWER = "token-answer";
    static final String FIRST_USE = "used";
    static final String REFRESH_FAMILY = "family";

    /** Counter attributes. */
    static final String CALLS = "calls";
    static final String OPERATION_PREFIX = "op_";
    static final String FACE_PREFIX = "face_";

    private TableLayout() {
    }

    static String usage(String subject) {
        return USAGE_PREFIX + subject;
    }

    static String day(LocalDate day) {
        return DAY_PREFIX + day;
    }

    static String audit(LocalDate day) {
        return AUDIT_PREFIX + day;
    }

    static String actor(String subject) {
        return ACTOR_PREFIX + subject;
    }

    static final String REFUSALS = REFUSAL_PREFIX + "all";

    /** The counter attribute of a refusal reason. */
    static String attribute(Refusal refusal) {
        return "refused_" + refusal.status() + "_" + refusal.reason();
    }

    /** The counter attribute of a tally, as the table has always named them. */
    static String attribute(Tally tally) {
        return switch (tally) {
            case OK, CLIENT_ERROR, SERVER_ERROR, OVER_QUOTA -> "out_" + tally.name().toLowerCase(Locale.ROOT);
            case REFUSED -> "refused";
            case LATENCY_TOTAL_MS -> "latencyMsTotal";
            case LATENCY_COUNT -> "latencyCount";
            case GITHUB_REQUESTS -> "githubRequests";
        };
    }
}
