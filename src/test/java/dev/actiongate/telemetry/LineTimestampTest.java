package dev.actiongate.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every line's timestamp is RFC 3339 in UTC with milliseconds, however many lines share a second. */
class LineTimestampTest {

    private static final DateTimeFormatter EXPECTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Test
    void theTimestampIsRfc3339WithMillisecondsAcrossSecondsAndDays() {
        for (String at : List.of("2026-12-02T01:02:03.000Z", "2026-12-02T01:02:03.005Z", "2026-12-02T01:02:03.050Z",
                "2026-12-02T01:02:03.999Z", "2026-12-02T01:02:04.001Z", "2026-12-01T23:59:59.999Z", "2026-12-02T00:00:00.000Z",
                "2026-12-02T01:02:03.123Z")) {
            Instant instant = Instant.parse(at);
            assertEquals(EXPECTED.format(instant), JsonLogEncoder.rfc3339(instant), at);
            assertEquals(at, JsonLogEncoder.rfc3339(instant.toEpochMilli()));
        }
    }
}
