package dev.actiongate.lambda;

import dev.actiongate.config.InvalidSettingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda init phase with a bad configuration: it stops with one line naming the setting (what the
 * runtime prints as errorMessage), and no stack trace. Settings arrive as system properties here, which
 * Micronaut reads like the environment variables Lambda sets.
 */
class StartupFailureTest {

    private final List<String> set = new ArrayList<>();

    @AfterEach
    void clear() {
        set.forEach(System::clearProperty);
    }

    @Test
    void aMissingIssuerStopsInitWithOneLine() {
        setting("actiongate.function", "api");
        setting("actiongate.idp.audience", "actiongate");

        InvalidSettingException failure = assertThrows(InvalidSettingException.class, ActionGateFunction::new);

        assertEquals("Setting actiongate.idp.issuer (ACTIONGATE_IDP_ISSUER) is missing: set it to your identity provider's issuer URL",
                failure.getMessage());
        assertEquals(0, failure.getStackTrace().length);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "actiongate.idp.issuer|http://idp.example.com/|actiongate.idp.issuer (ACTIONGATE_IDP_ISSUER) must use https://",
            "actiongate.idp.issuer|idp.example.com|actiongate.idp.issuer (ACTIONGATE_IDP_ISSUER) is not an absolute URL",
            "actiongate.idp.algorithms|HS256|actiongate.idp.algorithms (ACTIONGATE_IDP_ALGORITHMS) names HS256",
            "actiongate.idp.token-type|id+jwt|actiongate.idp.token-type (ACTIONGATE_IDP_TOKEN_TYPE) must be jwt",
            "actiongate.idp.id-token-claims|nonce,none|actiongate.idp.id-token-claims (ACTIONGATE_IDP_ID_TOKEN_CLAIMS) must list claim names",
            "actiongate.public-base-url|https://gate.example.com/?x=1|actiongate.public-base-url (ACTIONGATE_PUBLIC_BASE_URL) must not carry a query",
            "actiongate.state-key|c2hvcnQ=|actiongate.state-key (ACTIONGATE_STATE_KEY)",
            "actiongate.github.repositories|not-a-repo|actiongate.github.repositories (ACTIONGATE_GITHUB_REPOSITORIES)",
            "actiongate.usage.call-timeout|30s|actiongate.usage.call-timeout (ACTIONGATE_USAGE_CALL_TIMEOUT) must be between 20ms and 10s",
            "actiongate.usage.breaker-failures|0|actiongate.usage.breaker-failures (ACTIONGATE_USAGE_BREAKER_FAILURES) must be a number",
            "actiongate.usage.breaker-cool-down|0s|actiongate.usage.breaker-cool-down (ACTIONGATE_USAGE_BREAKER_COOL_DOWN) must be a positive duration",
            "actiongate.github.workflows|..|actiongate.github.workflows (ACTIONGATE_GITHUB_WORKFLOWS) holds \"..\"",
            "actiongate.github.refs|feature branch|actiongate.github.refs (ACTIONGATE_GITHUB_REFS) holds \"feature branch\"",
            "actiongate.github.rate-limit-reserve|-1|actiongate.github.rate-limit-reserve (ACTIONGATE_GITHUB_RATE_LIMIT_RESERVE) must be between 0",
            "actiongate.github.log-max-bytes|64KB|actiongate.github.log-max-bytes (ACTIONGATE_GITHUB_LOG_MAX_BYTES) must be between 256KB and 32MB",
            "actiongate.github.log-download-timeout|0s|actiongate.github.log-download-timeout (ACTIONGATE_GITHUB_LOG_DOWNLOAD_TIMEOUT) must be a positive duration",
            "actiongate.github.rate-limit-reserve|lots|actiongate.github.rate-limit-reserve (ACTIONGATE_GITHUB_RATE_LIMIT_RESERVE) must be between 0",
            "actiongate.github.log-max-bytes|2 MB|actiongate.github.log-max-bytes (ACTIONGATE_GITHUB_LOG_MAX_BYTES) must be between 256KB and 32MB",
            "actiongate.usage.daily-quota.premium|lots|actiongate.usage.daily-quota.premium (ACTIONGATE_USAGE_DAILY_QUOTA_PREMIUM) must be a number",
            "actiongate.function|API|actiongate.function (ACTIONGATE_FUNCTION) is API: use oauth, api or all",
            "actiongate.ssm.max-age|-1s|actiongate.ssm.max-age (ACTIONGATE_SSM_MAX_AGE) must be a duration",
    })
    void aMalformedSettingStopsInitWithOneLineNamingIt(String property, String value, String expected) {
        setting("actiongate.function", "api");
        setting("actiongate.idp.issuer", "https://idp.example.com");
        setting("actiongate.idp.audience", "actiongate");
        setting(property, value);

        InvalidSettingException failure = assertThrows(InvalidSettingException.class, ActionGateFunction::new);

        assertTrue(failure.getMessage().startsWith("Setting " + expected), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertEquals(0, failure.getStackTrace().length);
    }

    @Test
    void theApiFunctionChecksTheScopeSettingsToo() {
        setting("actiongate.function", "api");
        setting("actiongate.idp.issuer", "https://idp.example.com");
        setting("actiongate.idp.audience", "actiongate");
        setting("actiongate.usage.table", "actiongate-test");
        setting("actiongate.oauth.requestable-scopes", "workflows:read,repo:delete");

        InvalidSettingException failure = assertThrows(InvalidSettingException.class, ActionGateFunction::new);

        assertEquals("Setting actiongate.oauth.requestable-scopes (ACTIONGATE_OAUTH_REQUESTABLE_SCOPES) names repo:delete, which is not one of "
                + "workflows:read, workflows:trigger, deployments:read, logs:read, analytics:read, admin", failure.getMessage());
        assertEquals(0, failure.getStackTrace().length);
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
            "actiongate.gpt.client-secret",
            "actiongate.idp.client-id",
            "actiongate.state-key",
            "actiongate.usage.table",
    })
    void theOAuthFunctionStopsInitWithoutASettingTheBridgeNeeds(String missing) {
        setting("actiongate.function", "oauth");
        setting("actiongate.idp.issuer", "https://idp.example.com");
        setting("actiongate.idp.audience", "actiongate");
        setting("actiongate.gpt.client-id", "chatgpt");
        setting("actiongate.gpt.client-secret", "gpt-secret");
        setting("actiongate.idp.client-id", "actiongate");
        setting("actiongate.idp.client-secret", "idp-secret");
        setting("actiongate.state-key", "q4n0mUpVvR6C9gqfM2x8lq1Pz5cJb0WwS3YtH7eKdAo=");
        setting("actiongate.usage.table", "actiongate-test");
        System.clearProperty(missing);

        InvalidSettingException failure = assertThrows(InvalidSettingException.class, ActionGateFunction::new);

        assertTrue(failure.getMessage().startsWith("Setting " + missing + " (" + InvalidSettingException.environmentVariable(missing)
                + ") is missing"), failure.getMessage());
        assertEquals(0, failure.getStackTrace().length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "actiongate.oauth.default-scopes=admin"
                    + "|actiongate.oauth.default-scopes (ACTIONGATE_OAUTH_DEFAULT_SCOPES) names admin, which is not in actiongate.oauth.requestable-scopes",
            "actiongate.oauth.requestable-scopes=workflows:read;actiongate.oauth.default-scopes=workflows:read logs:read"
                    + "|actiongate.oauth.default-scopes (ACTIONGATE_OAUTH_DEFAULT_SCOPES) names logs:read, which is not in",
            "actiongate.oauth.requestable-scopes=repo:delete"
                    + "|actiongate.oauth.requestable-scopes (ACTIONGATE_OAUTH_REQUESTABLE_SCOPES) names repo:delete",
            "actiongate.oauth.passthrough-scopes=admin"
                    + "|actiongate.oauth.passthrough-scopes (ACTIONGATE_OAUTH_PASSTHROUGH_SCOPES) names admin, an API scope",
            "actiongate.idp.scope-prefix=actiongate/;actiongate.oauth.passthrough-scopes=actiongate/admin"
                    + "|actiongate.oauth.passthrough-scopes (ACTIONGATE_OAUTH_PASSTHROUGH_SCOPES) names actiongate/admin, an API scope",
    })
    void theOAuthFunctionStopsInitWithABadScopeSetting(String settings, String expected) {
        setting("actiongate.function", "oauth");
        setting("actiongate.idp.issuer", "https://idp.example.com");
        setting("actiongate.idp.audience", "actiongate");
        setting("actiongate.gpt.client-id", "chatgpt");
        setting("actiongate.gpt.client-secret", "gpt-secret");
        setting("actiongate.idp.client-id", "actiongate");
        setting("actiongate.idp.client-secret", "idp-secret");
        setting("actiongate.state-key", "q4n0mUpVvR6C9gqfM2x8lq1Pz5cJb0WwS3YtH7eKdAo=");
        setting("actiongate.usage.table", "actiongate-test");
        for (String pair : settings.split(";")) {
            setting(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }

        InvalidSettingException failure = assertThrows(InvalidSettingException.class, ActionGateFunction::new);

        assertTrue(failure.getMessage().startsWith("Setting " + expected), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertEquals(0, failure.getStackTrace().length);
    }

    private void setting(String property, String value) {
        System.setProperty(property, value);
        set.add(property);
    }
}
