package dev.actiongate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each function needs (RequiredSettings) and the one line when it is not there: settings in, a value or the line out. */
class SettingsTest {

    private static final String STATE_KEY = "q4n0mUpVvR6C9gqfM2x8lq1Pz5cJb0WwS3YtH7eKdAo=";

    @Test
    void theApiFunctionStartsWithoutAnyOfTheBridgesSettings() {
        Settings settings = Settings.read(SettingsReader.of(api()));

        assertEquals("actiongate-test", settings.usage().requiredTable());
        assertTrue(settings.secrets().githubToken().isEmpty(), "the GitHub token may come later");
        assertTrue(settings.gpt().clientId().isEmpty());
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', value = {
            "actiongate.idp.issuer|set it to your identity provider's issuer URL",
            "actiongate.idp.audience|set it to the audience (aud) your identity provider puts in ActionGate's access tokens",
            "actiongate.usage.table|name the DynamoDB table (template.yaml sets it on AWS)",
    })
    void theApiFunctionNeedsTheProviderAndTheTable(String missing, String hint) {
        Map<String, Object> settings = api();
        settings.remove(missing);

        assertEquals("Setting " + missing + " (" + InvalidSettingException.environmentVariable(missing) + ") is missing: " + hint,
                failure(settings));
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', value = {
            "actiongate.gpt.client-id|choose the client ID you will paste into the GPT's OAuth settings",
            "actiongate.gpt.client-secret|create a URL-safe one with `openssl rand -hex 32` and paste it into the GPT's OAuth settings",
            "actiongate.idp.client-id|register ActionGate as a confidential web client at your identity provider and give its client ID",
            "actiongate.idp.client-secret|give the client secret of ActionGate's client at your identity provider",
            "actiongate.state-key|create one with `openssl rand -base64 32`",
            "actiongate.usage.table|name the DynamoDB table (template.yaml sets it on AWS)",
    })
    void theBridgeNeedsItsClientsItsKeyAndTheTableWhereverItRuns(String missing, String hint) {
        for (String function : new String[] {"oauth", "all"}) {
            Map<String, Object> settings = bridge(function);
            settings.remove(missing);

            assertEquals("Setting " + missing + " (" + InvalidSettingException.environmentVariable(missing) + ") is missing: " + hint,
                    failure(settings), function);
        }
    }

    @Test
    void aBlankValueCountsAsMissing() {
        Map<String, Object> settings = bridge("oauth");
        settings.put("actiongate.gpt.client-secret", "  ");

        assertTrue(failure(settings).startsWith("Setting actiongate.gpt.client-secret (ACTIONGATE_GPT_CLIENT_SECRET) is missing"));
    }

    @Test
    void aMalformedValueIsNamedBeforeAMissingOne() {
        Map<String, Object> settings = api();
        settings.remove("actiongate.usage.table");
        settings.put("actiongate.idp.clock-skew", "1h");

        assertEquals("Setting actiongate.idp.clock-skew (ACTIONGATE_IDP_CLOCK_SKEW) must be between 0s and 5m", failure(settings));
    }

    @Test
    void theFunctionIsNamedExactlyAsTheTemplateAndTheBeansSpellIt() {
        Map<String, Object> settings = api();
        settings.put("actiongate.function", "API");

        assertEquals("Setting actiongate.function (ACTIONGATE_FUNCTION) is API: use oauth, api or all", failure(settings));
    }

    @Test
    void theSecretsSsmMustHoldAreTheOnesTheirFunctionRequires() {
        for (SecretParameter secret : SecretParameter.values()) {
            // Optional: the GitHub token (the GitHub operations say what to set) and the admin page's own copies.
            boolean optional = secret == SecretParameter.GITHUB_TOKEN || secret == SecretParameter.ADMIN_IDP_CLIENT_SECRET
                    || secret == SecretParameter.ADMIN_STATE_KEY;
            assertEquals(!optional, secret.required(), secret.name());
        }
    }

    private static String failure(Map<String, Object> settings) {
        return assertThrows(InvalidSettingException.class, () -> Settings.read(SettingsReader.of(settings))).getMessage();
    }

    private static Map<String, Object> api() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("actiongate.function", "api");
        settings.put("actiongate.idp.issuer", "https://idp.example.com");
        settings.put("actiongate.idp.audience", "actiongate");
        settings.put("actiongate.usage.table", "actiongate-test");
        return settings;
    }

    private static Map<String, Object> bridge(String function) {
        Map<String, Object> settings = api();
        settings.put("actiongate.function", function);
        settings.put("actiongate.gpt.client-id", "chatgpt");
        settings.put("actiongate.gpt.client-secret", "gpt-secret");
        settings.put("actiongate.idp.client-id", "actiongate");
        settings.put("actiongate.idp.client-secret", "idp-secret");
        settings.put("actiongate.state-key", STATE_KEY);
        return settings;
    }
}
