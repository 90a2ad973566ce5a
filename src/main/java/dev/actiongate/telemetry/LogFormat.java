package dev.actiongate.telemetry;

import dev.actiongate.config.InvalidSettingException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.util.Set;

/**
 * {@value JsonLogEncoder#FORMAT_PROPERTY} ({@code ACTIONGATE_LOG_FORMAT}): {@code json} (the default) or {@code text}.
 * Logback reads it before the application exists (logback.xml); this checks it at start-up, so a misspelt value
 * stops start-up with one line instead of leaving the logs in a format nobody chose. {@link AccessLog} reads it too.
 */
@Context
final class LogFormat {

    private static final Set<String> FORMATS = Set.of("json", "text");

    private final boolean text;

    LogFormat(@Value("${" + JsonLogEncoder.FORMAT_PROPERTY + ":json}") String format) {
        String chosen = format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!FORMATS.contains(chosen)) {
            throw new InvalidSettingException(JsonLogEncoder.FORMAT_PROPERTY, "is " + format + ": use json or text");
        }
        text = chosen.equals("text");
    }

    /** Readable text for a terminal, not JSON. */
    boolean text() {
        return text;
    }
}
