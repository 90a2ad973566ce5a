package dev.actiongate.usage;

/** How a metered call ended, as counted. */
public enum Outcome {
    OK, CLIENT_ERROR, SERVER_ERROR, OVER_QUOTA;

    static Outcome of(int status) {
        if (status == 429) {
            return OVER_QUOTA;
        }
        return status >= 500 ? SERVER_ERROR : status >= 400 ? CLIENT_ERROR : OK;
    }

    String attribute() {
        return UsageKeys.OUTCOME_PREFIX + name().toLowerCase(java.util.Locale.ROOT);
    }
}
