package dev.actiongate.usage;

import dev.actiongate.security.Caller;
import dev.actiongate.store.AuditEntry;
import dev.actiongate.store.AuditStore;
import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code listAuditEvents}: the audit trail of triggers, cancels and re-runs, newest first, filtered and paged. A person
 * sees their own calls; with {@code admin}, everyone's (the same split as {@code getUsage}). Every page is bounded: at
 * most {@link #MAX_EVENTS} events, {@link #MAX_CHARACTERS} characters of them, and {@link #EXAMINE} records read.
 */
@Singleton
public final class AuditOperations {

    public static final int MAX_EVENTS = 50;
    public static final List<String> OPERATIONS = List.of("triggerWorkflow", "cancelRun", "rerunRun");
    public static final List<String> OUTCOMES = List.of("ok", "refused", "failed");
    /** Records one page may read; a narrow filter over a busy range goes on with the next page. */
    static final int EXAMINE = 1_000;
    /** About half of what a GPT takes in one answer (100,000 characters), so escaping cannot push it over. */
    static final int MAX_CHARACTERS = 50_000;
    static final int MAX_VALUE = 200;
    private static final int MAX_PERSON = 320;
    private static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private static final Duration MAX_RANGE = Duration.ofDays(UsageOperations.MAX_DAYS);
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    private static final Pattern STARTED = Pattern.compile("run (\\d{1,19}) started");

    private final AuditStore store;
    private final Clock clock;

    AuditOperations(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public AuditEvents listAuditEvents(Caller caller, AuditQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_EVENTS) {
            throw ErrorCode.LIMIT_INVALID.refusal("Ask for between 1 and " + MAX_EVENTS + " events at a time.");
        }
        AuditFilters asked = filters(query);
        AuditFilters filters = asked;
        String resume = null;
        if (query.cursor() != null && !query.cursor().isBlank()) {
            AuditCursor.Position position = AuditCursor.decode(caller.subject(), query.cursor().trim());
            filters = position.filters();
            if (!sameQuestion(query, asked, filters)) {
                throw ErrorCode.CURSOR_INVALID.refusal("This cursor goes on with other filters than these; "
                        + "pass it with the same filters as the first page, or with none.");
            }
            resume = position.resume();
        }
        boolean everyone = caller.isAdmin();
        if (!everyone && filters.person() != null && !self(caller, filters.person())) {
            throw ErrorCode.PERSON_NOT_ALLOWED.refusal();
        }
        // Whose records are read: the caller's own, one named person's by sub, or (an e-mail, or nobody named) everyone's.
        String subject = !everyone ? caller.subject() : filters.person() != null && !filters.namesAnEmail() ? filters.person() : null;
        AuditFilters matching = everyone ? filters : filters.anyPerson();
        AuditStore.Page page;
        try {
            page = store.newest(subject, filters.from(), filters.to(), resume, matching::matches, query.limit(), EXAMINE);
        } catch (AuditStore.UnknownPositionException e) {
            throw AuditCursor.invalid();
        } catch (StoreUnavailableException e) {
            throw ErrorCode.USAGE_UNAVAILABLE.refusal("The audit trail cannot be read right now; try again in a minute.");
        }
        List<AuditEvents.Event> events = new ArrayList<>();
        String next = page.resume();
        int characters = 0;
        for (AuditStore.Found found : page.found()) {
            AuditEvents.Event event = event(found.entry());
            characters += characters(event);
            if (characters > MAX_CHARACTERS && !events.isEmpty()) {
                next = page.found().get(events.size() - 1).position();
                break;
            }
            events.add(event);
        }
        String note = next != null && events.size() < query.limit()
                ? "Fewer events than asked: one answer reads at most " + EXAMINE + " records and " + MAX_CHARACTERS
                + " characters; pass nextCursor for older ones." : null;
        return new AuditEvents(filters.from(), filters.to(), everyone, events,
                next == null ? null : AuditCursor.encode(caller.subject(), filters, next), note);
    }

    private AuditFilters filters(AuditQuery query) {
        String repo = text(query.repo());
        if (repo != null && !REPO.matcher(repo).matches()) {
            throw ErrorCode.REPO_INVALID.refusal();
        }
        String person = text(query.person());
        if (person != null && (person.length() > MAX_PERSON || person.chars().anyMatch(Character::isISOControl))) {
            throw ErrorCode.PERSON_INVALID.refusal();
        }
        String operation = text(query.operation());
        if (operation != null && !OPERATIONS.contains(operation)) {
            throw ErrorCode.OPERATION_INVALID.refusal("Filter by one of " + String.join(", ", OPERATIONS) + ".");
        }
        String outcome = text(query.outcome());
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ErrorCode.OUTCOME_INVALID.refusal();
        }
        Instant to = instant(query.to(), "to", true);
        Instant last = to == null ? clock.instant() : to;
        Instant from = instant(query.from(), "from", false);
        Instant first = from == null ? last.minus(DEFAULT_RANGE) : from;
        if (first.isAfter(last) || Duration.between(first, last).compareTo(MAX_RANGE) >= 0) {
            throw ErrorCode.RANGE_INVALID.refusal("Ask for at most " + UsageOperations.MAX_DAYS
                    + " days of the audit trail, with from on or before to.");
        }
        return new AuditFilters(repo, person, operation, outcome, first, last);
    }

    /** A filter given along with a cursor must be the one the cursor goes on with; one left out is taken from it. */
    private static boolean sameQuestion(AuditQuery query, AuditFilters asked, AuditFilters cursor) {
        return (asked.repo() == null || asked.repo().equalsIgnoreCase(cursor.repo()))
                && (asked.person() == null || asked.person().equals(cursor.person()))
                && (asked.operation() == null || asked.operation().equals(cursor.operation()))
                && (asked.outcome() == null || asked.outcome().equals(cursor.outcome()))
                && (text(query.from()) == null || asked.from().equals(cursor.from()))
                && (text(query.to()) == null || asked.to().equals(cursor.to()));
    }

    private static boolean self(Caller caller, String person) {
        return person.equals(caller.subject()) || (caller.email() != null && person.equalsIgnoreCase(caller.email()));
    }

    /** A day means all of it (from its start, to its end, UTC); an instant may carry any offset. */
    private static Instant instant(String given, String name, boolean end) {
        String text = text(given);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return end ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ErrorCode.DATE_INVALID.refusal("Give " + name + " as a day like 2026-11-25 or a time like 2026-11-25T14:00:00Z.");
        }
    }

    /**
     * The record as an event. Records written before the ref and the started run were kept apart hold a trigger's ref
     * among its inputs and its run only in the result's words; they read the same as newer ones.
     */
    static AuditEvents.Event event(AuditEntry entry) {
        boolean trigger = entry.operation().equals("triggerWorkflow");
        Map<String, String> inputs = new LinkedHashMap<>(entry.inputs() == null ? Map.of() : entry.inputs());
        String ref = entry.ref();
        if (ref == null && trigger) {
            ref = inputs.remove("ref");
        }
        Long startedRunId = entry.startedRunId();
        if (startedRunId == null && trigger && entry.result() != null) {
            Matcher started = STARTED.matcher(entry.result());
            startedRunId = started.matches() ? Long.valueOf(started.group(1)) : null;
        }
        Map<String, String> bounded = new LinkedHashMap<>();
        inputs.forEach((name, value) -> bounded.put(cut(name), cut(value)));
        return new AuditEvents.Event(entry.at(), entry.subject(), entry.email(), entry.face(), entry.operation(), entry.repository(),
                trigger ? entry.target() : null, trigger ? null : runId(entry.target()), ref, bounded.isEmpty() ? null : bounded,
                AuditFilters.outcome(entry.status()), entry.status(), entry.result(), startedRunId);
    }

    private static Long runId(String target) {
        try {
            return target == null ? null : Long.valueOf(target);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
    }

    /** Roughly what the event takes as JSON: its texts and room for the names and punctuation. */
    private static int characters(AuditEvents.Event event) {
        int size = 400;
        for (String text : new String[] {event.subject(), event.email(), event.repo(), event.workflow(), event.ref(), event.result()}) {
            size += text == null ? 0 : text.length();
        }
        if (event.inputs() != null) {
            size += event.inputs().entrySet().stream().mapToInt(input -> 8 + input.getKey().length()
                    + Objects.requireNonNullElse(input.getValue(), "").length()).sum();
        }
        return size;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
