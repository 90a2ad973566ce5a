package dev.actiongate.telemetry;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.event.KeyValuePair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every log line as one JSON object ({@code format} json, on Lambda) or as readable text ({@code format} text, the
 * local server's default): {@code timestamp} in RFC 3339 UTC with milliseconds and a top-level {@code level}, which
 * is what Lambda's log-level filtering of JSON logs reads (Logback's own JSON encoder writes epoch milliseconds),
 * then {@code logger}, {@code message}, {@code function}, the MDC ({@code requestId}, ...) and the event's key-value
 * pairs as top-level fields. Jackson writes and escapes every value.
 * <p>
 * logback.xml sets {@code format} from {@code actiongate.log.format} / {@code ACTIONGATE_LOG_FORMAT} and
 * {@code function} from {@code ACTIONGATE_FUNCTION}; Logback reads them before the application context exists.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    /** The setting that picks the format: {@code json} or {@code text}. */
    public static final String FORMAT_PROPERTY = "actiongate.log.format";
    private static final DateTimeFormatter RFC_3339_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Field names every line has; a key-value pair or MDC field of the same name is not written again. */
    private static final Set<String> FIXED_FIELDS = Set.of("timestamp", "level", "logger", "message", "function");
    private static volatile Second lastSecond;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] NO_BYTES = new byte[0];
    private static final List<String> MDC_FIELDS = List.of(RequestIds.MDC_KEY, RequestIds.ROUTE_KEY);

    private final ThrowableProxyConverter stackTrace = new ThrowableProxyConverter();
    private boolean text;
    private String function = "all";

    /**
     * {@code text} for text; anything else is JSON, so the line that stops start-up over a misspelt value
     * ({@link LogFormat}) is still written.
     */
    public void setFormat(String format) {
        text = format != null && format.trim().equalsIgnoreCase("text");
    }

    /** The function this process is ({@code oauth}, {@code api} or {@code all}), on every line. */
    public void setFunction(String function) {
        this.function = function == null || function.isBlank() ? "all" : function.trim();
    }

    static String rfc3339(Instant instant) {
        return rfc3339(instant.toEpochMilli());
    }

    /** The second's text is kept: lines come many to a second, and formatting a date costs more than the line. */
    static String rfc3339(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second cached = lastSecond;
        if (cached == null || cached.epochSecond != second) {
            cached = new Second(second, RFC_3339_SECOND.format(Instant.ofEpochSecond(second)));
            lastSecond = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        return cached.text + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10) + (char) ('0' + millis % 10) + 'Z';
    }

    private record Second(long epochSecond, String text) {
    }

    @Override
    public void start() {
        stackTrace.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return text ? text(event) : json(event);
    }

    private byte[] json(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = Stdout.JSON.createGenerator(out)) {
            json.writeStartObject();
            fixedFields(json, event.getTimeStamp(), event.getLevel().toString(), event.getLoggerName(), event.getFormattedMessage(), function);
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (int i = 0; i < pairs.size(); i++) {
                    KeyValuePair pair = pairs.get(i);
                    if (pair.value != null && !FIXED_FIELDS.contains(pair.key) && !written(pairs, i, pair.key)) {
                        json.writeFieldName(pair.key);
                        value(json, pair.value);
                    }
                }
            }
            // Only the MDC fields ActionGate puts there: the Lambda adapter adds its own (AWSFunctionName, ...), which
            // Lambda's log stream already names, and a library could put anything.
            Map<String, String> mdc = event.getMDCPropertyMap();
            for (String key : MDC_FIELDS) {
                String value = mdc.get(key);
                if (value != null && !FIXED_FIELDS.contains(key) && !written(pairs, pairs == null ? 0 : pairs.size(), key)) {
                    json.writeStringField(key, value);
                }
            }
            if (event.getThrowableProxy() != null) {
                json.writeStringField("exception", stackTrace.convert(event));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The fields every line starts with, in this order (the lines {@link Stdout} writes without Logback too). */
    static void fixedFields(JsonGenerator json, long epochMillis, String level, String logger, String message, String function)
            throws IOException {
        json.writeStringField("timestamp", rfc3339(epochMillis));
        json.writeStringField("level", level);
        json.writeStringField("logger", logger);
        json.writeStringField("message", message);
        json.writeStringField("function", function);
    }

    /** True if one of the first {@code count} pairs with a value has this key (a line has a handful of pairs). */
    private static boolean written(List<KeyValuePair> pairs, int count, String key) {
        for (int i = 0; i < count; i++) {
            if (pairs.get(i).value != null && pairs.get(i).key.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case Boolean flag -> json.writeBoolean(flag);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Double number -> json.writeNumber(number);
            default -> json.writeString(value.toString());
        }
    }

    /** Time, level, logger, message, then the fields as name=value, for a person reading a terminal. */
    private byte[] text(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160)
                .append(CLOCK.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ')
                .append(String.format(Locale.ROOT, "%-5s", event.getLevel())).append(' ')
                .append(event.getLoggerName().replaceFirst("^dev\\.actiongate\\.", "")).append(" - ")
                .append(event.getFormattedMessage());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        boolean requestIdWritten = false;
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.value != null) {
                    line.append(' ').append(pair.key).append('=').append(pair.value);
                    requestIdWritten |= pair.key.equals(RequestIds.MDC_KEY);
                }
            }
        }
        String requestId = event.getMDCPropertyMap().get(RequestIds.MDC_KEY);
        if (requestId != null && !requestIdWritten) {
            line.append(" requestId=").append(requestId);
        }
        line.append('\n');
        if (event.getThrowableProxy() != null) {
            line.append(stackTrace.convert(event));
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }
}
