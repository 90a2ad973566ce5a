package dev.actiongate.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * Everyone's usage over the last days, as the admin page shows it.
 *
 * @param days       every day from {@code from} to {@code to}, oldest first, days without calls included
 * @param refusals   requests refused before they ran (401, 403, 429), by status and reason, most first
 * @param complete   false when the table could not be read (the figures are then empty)
 */
public record UsageOverview(LocalDate from, LocalDate to, long totalCalls, List<Day> days, List<Share> byOperation, List<Share> byPerson,
                            List<RefusalCount> refusals, boolean complete) {

    public record Day(LocalDate day, long calls) {
    }

    /** An operation's or a person's part of the calls. */
    public record Share(String key, long calls) {
    }

    public record RefusalCount(int status, String reason, long count) {
    }
}
