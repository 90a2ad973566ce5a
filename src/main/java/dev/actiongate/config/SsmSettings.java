package dev.actiongate.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code actiongate.ssm.*}: the SSM Parameter Store folder the function's secrets are read from
 * (template.yaml sets {@code ACTIONGATE_SSM_PATH}; unset locally, where secrets come from the
 * environment), another endpoint for tests, and how old a SnapStart snapshot's secrets may get before
 * a restored copy reads them again.
 */
public final class SsmSettings {

    public static final String PATH = "actiongate.ssm.path";
    public static final String ENDPOINT = "actiongate.ssm.endpoint";
    public static final String MAX_AGE = "actiongate.ssm.max-age";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);

    private final Optional<String> path;
    private final Optional<URI> endpoint;
    private final Duration maxAge;

    private SsmSettings(SettingsReader settings) {
        this.path = settings.string(PATH);
        this.endpoint = settings.string(ENDPOINT).map(SsmSettings::endpoint);
        this.maxAge = settings.duration(MAX_AGE, DEFAULT_MAX_AGE, age -> !age.isNegative(),
                "must be a duration such as 15m (0s: after every restore)");
    }

    public static SsmSettings read(SettingsReader settings) {
        return new SsmSettings(settings);
    }

    /** The folder to read, e.g. {@code /actiongate/prod/oauth}, when this process reads one. */
    public Optional<String> path() {
        return path;
    }

    /** Another SSM endpoint than AWS's (WireMock, LocalStack). */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    public Duration maxAge() {
        return maxAge;
    }

    private static URI endpoint(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(ENDPOINT, "is not a URL");
        }
    }
}
