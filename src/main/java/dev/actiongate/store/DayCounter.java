package dev.actiongate.store;

import java.time.LocalDate;
import java.util.Map;

/**
 * One person's counter for one UTC day.
 *
 * @param byOperation calls per operationId
 * @param byFace      calls per face ({@code gpt}, {@code mcp})
 * @param tallies     everything else counted, by kind; a kind never counted is absent
 */
public record DayCounter(String subject, LocalDate day, long calls, Map<String, Long> byOperation, Map<String, Long> byFace,
                         Map<Tally, Long> tallies) {

    public long tally(Tally kind) {
        return tallies.getOrDefault(kind, 0L);
    }
}
