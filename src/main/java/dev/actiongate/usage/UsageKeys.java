package dev.actiongate.usage;

import java.time.LocalDate;

/**
 * Where usage lives in the shared table: one counter item per person per UTC day
 * ({@code usage#<sub>} / {@code day#<date>}), also indexed by day ({@code byDay}: {@code day#<date>} /
 * {@code <sub>}) so an admin can read everyone's; one profile item per person ({@code user#<sub>}).
 */
public final class UsageKeys {

    public static final String USAGE_PREFIX = "usage#";
    public static final String USER_PREFIX = "user#";
    public static final String DAY_PREFIX = "day#";
    public static final String BY_DAY_INDEX = "byDay";
    public static final String BY_DAY_PARTITION = "dayKey";
    public static final String BY_DAY_SORT = "subject";
    public static final String PROFILE = "profile";

    /** Counter attributes. */
    static final String CALLS = "calls";
    static final String OPERATION_PREFIX = "op_";
    static final String OUTCOME_PREFIX = "out_";
    static final String REFUSED = "refused";
    static final String LATENCY_TOTAL = "latencyMsTotal";
    static final String LATENCY_COUNT = "latencyCount";
    /** Requests made to GitHub on the person's behalf: everyone's calls share the token's hourly limit. */
    static final String GITHUB_REQUESTS = "githubRequests";

    private UsageKeys() {
    }

    static String usage(String subject) {
        return USAGE_PREFIX + subject;
    }

    static String day(LocalDate day) {
        return DAY_PREFIX + day;
    }
}
