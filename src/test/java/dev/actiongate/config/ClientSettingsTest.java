package dev.actiongate.config;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code actiongate.oauth.clients.*}: the defaults, the forms read from the environment, and each bad value's one line. */
class ClientSettingsTest {

    @Test
    void theDefaultsCoverTheKnownMcpClientsAndRegistrationIsOpen() {
        ClientSettings settings = ClientSettings.read(environment(Map.of()));

        assertEquals(ClientSettings.DEFAULT_METADATA_DOCUMENTS, settings.metadataDocuments());
        assertEquals(List.of("chatgpt.com", "claude.ai", "claude.com", "vscode.dev", "insiders.vscode.dev", "www.cursor.com"),
                settings.redirectHosts());
        assertEquals(List.of("cursor"), settings.redirectSchemes());
        assertTrue(settings.registrationOpen());
    }

    @Test
    void theEnvironmentSetsEachAndNoneEmptiesAList() {
        ClientSettings settings = ClientSettings.read(environment(Map.of(
                "ACTIONGATE_OAUTH_CLIENTS_METADATA_DOCUMENTS", "https://claude.ai/oauth/*, https://mcp.example.com/client.json",
                "ACTIONGATE_OAUTH_CLIENTS_REDIRECT_HOSTS", "Claude.ai,*.example.com",
                "ACTIONGATE_OAUTH_CLIENTS_REDIRECT_SCHEMES", "none",
                "ACTIONGATE_OAUTH_CLIENTS_REGISTRATION", "closed")));

        assertEquals(List.of("https://claude.ai/oauth/*", "https://mcp.example.com/client.json"), settings.metadataDocuments());
        assertEquals(List.of("claude.ai", "*.example.com"), settings.redirectHosts());
        assertEquals(List.of(), settings.redirectSchemes());
        assertFalse(settings.registrationOpen());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ACTIONGATE_OAUTH_CLIENTS_REGISTRATION|sometimes|Setting actiongate.oauth.clients.registration (ACTIONGATE_OAUTH_CLIENTS_REGISTRATION) must be open or closed",
            "ACTIONGATE_OAUTH_CLIENTS_METADATA_DOCUMENTS|https://*.claude.ai/oauth/x|holds \"https://*.claude.ai/oauth/x\": give a URL with a path, * only in the path",
            "ACTIONGATE_OAUTH_CLIENTS_METADATA_DOCUMENTS|https://claude.ai|give a URL with a path",
            "ACTIONGATE_OAUTH_CLIENTS_METADATA_DOCUMENTS|http://claude.ai/oauth/*|must use https://",
            "ACTIONGATE_OAUTH_CLIENTS_REDIRECT_HOSTS|https://claude.ai|which is not a host name such as claude.ai or *.example.com",
            "ACTIONGATE_OAUTH_CLIENTS_REDIRECT_HOSTS|claude.*|which is not a host name",
            "ACTIONGATE_OAUTH_CLIENTS_REDIRECT_SCHEMES|javascript|which is not a private-use scheme",
            "ACTIONGATE_OAUTH_CLIENTS_REDIRECT_SCHEMES|cur sor|which is not a URI scheme",
    })
    void aBadValueStopsStartUpWithOneLineNamingTheSetting(String variable, String value, String line) {
        InvalidSettingException failure = assertThrows(InvalidSettingException.class,
                () -> ClientSettings.read(environment(Map.of(variable, value))));

        assertTrue(failure.getMessage().contains(line), failure.getMessage());
        assertTrue(failure.getMessage().contains(variable), failure.getMessage());
    }

    private static SettingsReader environment(Map<String, String> variables) {
        return new SettingsReader(new PropertySourcePropertyResolver(PropertySource.of("env", new LinkedHashMap<>(variables),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)));
    }
}
