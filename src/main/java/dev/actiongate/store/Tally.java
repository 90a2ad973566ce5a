package dev.actiongate.store;

/** What a person's counter for a day adds up besides the calls themselves. */
public enum Tally {
    /** Calls that ended well (2xx, 3xx). */
    OK,
    /** Calls refused for the caller's own mistake (4xx other than 429). */
    CLIENT_ERROR,
    /** Calls that failed on ActionGate's or GitHub's side (5xx). */
    SERVER_ERROR,
    /** Calls that ended in a 429 (a quota or GitHub's rate limit). */
    OVER_QUOTA,
    /** Calls refused before they ran because the day's quota was used up. */
    REFUSED,
    /** Sum and count of the calls' latencies in milliseconds, for an average. */
    LATENCY_TOTAL_MS,
    LATENCY_COUNT,
    /** Requests to GitHub the calls made (its hourly limit is shared by everyone). */
    GITHUB_REQUESTS
}
