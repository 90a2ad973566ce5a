package dev.actiongate.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-person, per-day usage counters and profiles. Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface UsageStore {

    /**
     * Adds one call of {@code operationId} to the person's counter for the day, in one atomic step with the
     * quota check, so no burst of parallel calls can pass the quota.
     *
     * @param face      the face the call came through ({@code gpt}, {@code mcp}), counted too
     * @param quota     the most calls the day may hold, or null for no limit
     * @param expiresAt when the counter may be forgotten
     * @return the day's count including this call, or empty when the quota was already reached (nothing counted)
     */
    OptionalLong count(String subject, LocalDate day, String operationId, String face, Integer quota, Instant expiresAt);

    /** Adds to the day's tallies; off the caller's path, so it may take longer than a call on it. */
    void add(String subject, LocalDate day, Map<Tally, Long> additions);

    /** Records that the person was seen: first seen (once), last seen, their e-mail if known and tier. */
    void seen(String subject, String email, String tier, Instant at);

    /** The day's count so far, 0 when the person has made no call that day. */
    long calls(String subject, LocalDate day);

    /** The person's counters from {@code first} to {@code last}, at most {@code maxItems} (more is an error of the caller's range). */
    List<DayCounter> days(String subject, LocalDate first, LocalDate last, int maxItems) throws TooManyItemsException;

    /** Everyone's counters of one day, at most {@code maxItems}. */
    List<DayCounter> everyone(LocalDate day, int maxItems) throws TooManyItemsException;

    /** Counts one refused request of the day (off the caller's path); one item per day holds them all. */
    void refused(LocalDate day, Refusal refusal, Instant expiresAt);

    /** The refusals counted from {@code first} to {@code last}, by day; a day without any is absent. */
    Map<LocalDate, Map<Refusal, Long>> refusals(LocalDate first, LocalDate last);

    /** A question whose answer would hold more items than the caller allowed. */
    final class TooManyItemsException extends Exception {
        public TooManyItemsException() {
            super(null, null, false, false);
        }
    }
}
