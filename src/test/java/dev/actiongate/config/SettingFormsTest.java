package dev.actiongate.config;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The forms a setting arrives in, read as Micronaut reads them: environment variables (through the same
 * naming convention as Lambda's environment), comma-separated and indexed lists, durations and sizes.
 */
class SettingFormsTest {

    @Test
    void aTierPerEnvironmentVariableAddsToTheDefaultQuotaOnceForEveryCall() {
        UsageSettings usage = UsageSettings.read(environment(Map.of(
                "ACTIONGATE_USAGE_DAILY_QUOTA_PREMIUM", "5000",
                "ACTIONGATE_USAGE_DAILY_QUOTA_GOLD_PLUS", "-1",
                "ACTIONGATE_USAGE_DEFAULT_TIER", "premium")));

        assertEquals(Map.of("standard", 1000, "premium", 5000, "gold-plus", -1), usage.dailyQuota());
        assertSame(usage.dailyQuota(), usage.dailyQuota(), "computed once, not copied per call");
        assertThrows(UnsupportedOperationException.class, () -> usage.dailyQuota().put("free", 1));
        assertEquals("premium", usage.defaultTier());
    }

    @Test
    void aQuotaThatIsNoNumberStopsStartUpNamingItsTier() {
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> UsageSettings.read(
                environment(Map.of("ACTIONGATE_USAGE_DAILY_QUOTA_PREMIUM", "lots"))));

        assertEquals("Setting actiongate.usage.daily-quota.premium (ACTIONGATE_USAGE_DAILY_QUOTA_PREMIUM) must be a number "
                + "of calls per day (-1: no limit)", failure.getMessage());
    }

    @Test
    void listsComeCommaSeparatedFromTheEnvironmentOrIndexedFromProperties() {
        GithubSettings github = GithubSettings.read(environment(Map.of(
                "ACTIONGATE_GITHUB_REPOSITORIES", "acme/web, acme/api",
                "ACTIONGATE_GITHUB_REFS", "main,release/*")));
        GptSettings gpt = GptSettings.read(SettingsReader.of(Map.of(
                "actiongate.gpt.redirect-uris[0]", "https://chatgpt.com/aip/*/oauth/callback",
                "actiongate.gpt.redirect-uris[1]", "https://gpt.example.com/callback")));

        assertEquals(List.of("acme/web", "acme/api"), List.copyOf(github.repositories()));
        assertEquals(Set.of("main", "release/*"), github.refs());
        assertEquals(List.of("https://chatgpt.com/aip/*/oauth/callback", "https://gpt.example.com/callback"), gpt.redirectUris());
    }

    @Test
    void durationsAndSizesTakeTheirUsualUnits() {
        IdpSettings idp = IdpSettings.read(environment(Map.of(
                "ACTIONGATE_IDP_CLOCK_SKEW", "90s",
                "ACTIONGATE_IDP_JWKS_REFRESH_INTERVAL", "1ms",
                "ACTIONGATE_IDP_HTTP_TIMEOUT", "PT3S")));
        GithubSettings github = GithubSettings.read(environment(Map.of("ACTIONGATE_GITHUB_LOG_MAX_BYTES", "2MB")));
        GithubSettings inKilobytes = GithubSettings.read(SettingsReader.of(Map.of("actiongate.github.log-max-bytes", "512KB")));

        assertEquals(List.of(Duration.ofSeconds(90), Duration.ofMillis(1), Duration.ofSeconds(3)),
                List.of(idp.clockSkew(), idp.jwksRefreshInterval(), idp.httpTimeout()));
        assertEquals(2 * 1024 * 1024, github.logMaxBytes());
        assertEquals(512 * 1024, inKilobytes.logMaxBytes());
    }

    @Test
    void theConsentLifetimeIsThirtyDaysUnlessSetAndAtMostWhatBrowsersKeepACookie() {
        assertEquals(Duration.ofDays(30), OAuthSettings.read(SettingsReader.of(Map.of())).consentLifetime());
        assertEquals(Duration.ofDays(7), OAuthSettings.read(environment(Map.of("ACTIONGATE_OAUTH_CONSENT_LIFETIME", "7d"))).consentLifetime());
        for (String bad : List.of("401d", "0s", "soon")) {
            InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> OAuthSettings.read(
                    SettingsReader.of(Map.of("actiongate.oauth.consent-lifetime", bad))), bad);
            assertEquals("Setting actiongate.oauth.consent-lifetime (ACTIONGATE_OAUTH_CONSENT_LIFETIME) must be a duration above zero "
                    + "and at most 400d, such as 30d", failure.getMessage(), bad);
        }
    }

    @Test
    void theAdminSessionLastsThirtyMinutesUnlessSetAndFromAMinuteToTwelveHours() {
        assertEquals(Duration.ofMinutes(30), AdminSettings.read(SettingsReader.of(Map.of())).sessionLifetime());
        assertEquals(Duration.ofHours(2), AdminSettings.read(environment(Map.of("ACTIONGATE_ADMIN_SESSION_LIFETIME", "2h"))).sessionLifetime());
        for (String bad : List.of("13h", "30s", "0s", "-5m", "soon")) {
            InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> AdminSettings.read(
                    SettingsReader.of(Map.of("actiongate.admin.session-lifetime", bad))), bad);
            assertEquals("Setting actiongate.admin.session-lifetime (ACTIONGATE_ADMIN_SESSION_LIFETIME) must be a duration from 1m to 12h, "
                    + "such as 30m", failure.getMessage(), bad);
        }
    }

    @Test
    void aNumberThatIsNoNumberStopsStartUpWithTheSettingsOwnLine() {
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> GithubSettings.read(
                SettingsReader.of(Map.of("actiongate.github.rate-limit-reserve", "lots"))));

        assertEquals("Setting actiongate.github.rate-limit-reserve (ACTIONGATE_GITHUB_RATE_LIMIT_RESERVE) must be between 0 "
                + "(no reserve) and 100000", failure.getMessage());
    }

    @Test
    void theRefreshLifetimeOfPublicClientsIsThirtyDaysUnlessItsVariableSaysOtherwise() {
        assertEquals(Duration.ofDays(30), OAuthSettings.read(environment(Map.of())).refreshLifetime());
        assertEquals(Duration.ofDays(7), OAuthSettings.read(environment(Map.of("ACTIONGATE_OAUTH_REFRESH_LIFETIME", "7d"))).refreshLifetime());
    }

    @Test
    void aRefreshLifetimeThatIsNoPositiveDurationOrLongerThanAYearStopsStartUp() {
        InvalidSettingException zero = assertThrows(InvalidSettingException.class,
                () -> OAuthSettings.read(environment(Map.of("ACTIONGATE_OAUTH_REFRESH_LIFETIME", "0s"))));
        InvalidSettingException tooLong = assertThrows(InvalidSettingException.class,
                () -> OAuthSettings.read(environment(Map.of("ACTIONGATE_OAUTH_REFRESH_LIFETIME", "400d"))));

        assertEquals("Setting actiongate.oauth.refresh-lifetime (ACTIONGATE_OAUTH_REFRESH_LIFETIME) " + Setting.POSITIVE_DURATION, zero.getMessage());
        assertEquals("Setting actiongate.oauth.refresh-lifetime (ACTIONGATE_OAUTH_REFRESH_LIFETIME) must be at most 365d", tooLong.getMessage());
    }

    @Test
    void lambdasAwsVariablesAndTheSsmFolderArriveUnderTheirPropertyNames() {
        SettingsReader lambda = environment(Map.of(
                "AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "example-secret",
                "ACTIONGATE_SSM_PATH", "/actiongate/prod/api",
                "ACTIONGATE_SSM_ENDPOINT", "http://127.0.0.1:4566",
                "ACTIONGATE_SSM_MAX_AGE", "1h"));

        AwsSettings aws = AwsSettings.read(lambda);
        SsmSettings ssm = SsmSettings.read(lambda);

        assertEquals(List.of("eu-central-1", "AKIDEXAMPLE", "example-secret"),
                List.of(aws.region(), aws.localAccessKeyId(), aws.localSecretAccessKey().reveal()));
        assertEquals("/actiongate/prod/api", ssm.path().orElseThrow());
        assertEquals(URI.create("http://127.0.0.1:4566"), ssm.endpoint().orElseThrow());
        assertEquals(Duration.ofHours(1), ssm.maxAge());
    }

    @Test
    void withoutLambdasVariablesTheClientsGetTheLocalDefaults() {
        AwsSettings aws = AwsSettings.read(environment(Map.of()));

        assertEquals(List.of("us-east-1", "local", "local"), List.of(aws.region(), aws.localAccessKeyId(), aws.localSecretAccessKey().reveal()));
        assertEquals(SsmSettings.DEFAULT_MAX_AGE, SsmSettings.read(environment(Map.of())).maxAge());
    }

    /** As Micronaut's environment property source hands over the process environment. */
    private static SettingsReader environment(Map<String, String> variables) {
        return new SettingsReader(new PropertySourcePropertyResolver(PropertySource.of("env", new LinkedHashMap<>(variables),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)));
    }
}
