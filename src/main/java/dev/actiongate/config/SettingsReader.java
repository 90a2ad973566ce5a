package dev.actiongate.config;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.convert.format.ReadableBytesTypeConverter;
import io.micronaut.core.type.Argument;
import io.micronaut.core.value.PropertyResolver;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Reads settings through Micronaut's property resolver, so that environment variables, system
 * properties, {@code application*.properties} and the SSM secrets all arrive the way Micronaut gives
 * them (comma-separated lists, durations such as {@code 60s}, placeholders). A value that cannot be
 * read as what it should be stops start-up with one line naming the property.
 */
public final class SettingsReader {

    private static final ReadableBytesTypeConverter BYTES = new ReadableBytesTypeConverter();

    private final PropertyResolver resolver;

    public SettingsReader(PropertyResolver resolver) {
        this.resolver = resolver;
    }

    /** Exactly these properties, as if they were system properties: for tests and for the Lambda bootstrap. */
    public static SettingsReader of(Map<String, ?> properties) {
        Map<String, Object> values = new LinkedHashMap<>(properties);
        return new SettingsReader(new PropertySourcePropertyResolver(PropertySource.of("settings", values)));
    }

    /** A text, trimmed; blank counts as unset. */
    public Optional<String> string(String property) {
        return verbatim(property).map(String::trim);
    }

    /** A text as given (a secret, a policy text); blank counts as unset. */
    public Optional<String> verbatim(String property) {
        return raw(property).filter(value -> !value.isBlank());
    }

    /** A text as given, blank included. */
    public Optional<String> raw(String property) {
        return resolver.getProperty(property, String.class);
    }

    /** An absolute http(s) URL as {@link Setting#url} accepts it. */
    public Optional<URI> url(String property) {
        return string(property).map(value -> Setting.url(property, value));
    }

    /** A list, from a comma-separated text or indexed entries; unset is empty, a blank text is one empty entry. */
    public Optional<List<String>> list(String property) {
        if (!resolver.containsProperty(property)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(resolver.getProperty(property, Argument.listOf(String.class)).orElse(List.of())));
    }

    /**
     * @param valid   what the value must satisfy; the fallback is not checked
     * @param problem what the line says when the value is no duration or not valid
     */
    public Duration duration(String property, Duration fallback, Predicate<Duration> valid, String problem) {
        if (!resolver.containsProperty(property)) {
            return fallback;
        }
        return resolver.getProperty(property, Duration.class).filter(valid)
                .orElseThrow(() -> new InvalidSettingException(property, problem));
    }

    /** A duration above zero. */
    public Duration positiveDuration(String property, Duration fallback) {
        return duration(property, fallback, value -> !value.isNegative() && !value.isZero(), Setting.POSITIVE_DURATION);
    }

    /** @param problem what the line says when the value is no whole number or not valid */
    public int integer(String property, int fallback, IntPredicate valid, String problem) {
        if (!resolver.containsProperty(property)) {
            return fallback;
        }
        return resolver.getProperty(property, Integer.class).filter(valid::test)
                .orElseThrow(() -> new InvalidSettingException(property, problem));
    }

    /** A size such as {@code 2MB}, {@code 512KB} or a number of bytes. */
    public int bytes(String property, int fallback, IntPredicate valid, String problem) {
        if (!resolver.containsProperty(property)) {
            return fallback;
        }
        Optional<Number> size = resolver.getProperty(property, String.class)
                .flatMap(text -> BYTES.convert(text, Number.class, ConversionContext.DEFAULT));
        return size.map(Number::longValue).filter(value -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE)
                .map(Long::intValue).filter(valid::test)
                .orElseThrow(() -> new InvalidSettingException(property, problem));
    }

    /** {@code true} or {@code false}, read as Micronaut reads a boolean. */
    public boolean flag(String property, boolean fallback) {
        return resolver.getProperty(property, Boolean.class).orElse(fallback);
    }

    /**
     * The entries below a property, e.g. {@code actiongate.usage.daily-quota.premium} and
     * {@code ACTIONGATE_USAGE_DAILY_QUOTA_PREMIUM} both as {@code premium}.
     */
    public Map<String, Object> entries(String property) {
        return resolver.getProperty(property, Argument.mapOf(String.class, Object.class)).orElse(Map.of());
    }

    /** An entry's value as a whole number, read as Micronaut reads one. */
    public Optional<Integer> wholeNumber(Object value) {
        return ConversionService.SHARED.convert(value, Integer.class);
    }
}
