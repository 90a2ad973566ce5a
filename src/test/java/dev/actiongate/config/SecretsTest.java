package dev.actiongate.config;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one holder of the secrets: checked when they arrive, replaced as a whole, never printed. */
class SecretsTest {

    private static final byte[] KEY = new byte[32];
    private static final String STATE_KEY = Base64.getEncoder().encodeToString(KEY);
    private static final String ROTATED_STATE_KEY = "c3RhdGUta2V5LXJvdGF0ZWQtMzItYnl0ZXMtbG9uZyE=";

    @Test
    void theStateKeyIsDecodedOnceAndHandedOutAsACopy() {
        Secrets secrets = secrets();
        byte[] key = secrets.requiredStateKey();
        key[0] = 1;

        assertArrayEquals(KEY, secrets.requiredStateKey());
    }

    @Test
    void aStateKeyThatIsNotThirtyTwoBytesOfBase64StopsStartUp() {
        InvalidSettingException notBase64 = assertThrows(InvalidSettingException.class,
                () -> Secrets.read(SettingsReader.of(Map.of("actiongate.state-key", "not base64!"))));
        InvalidSettingException tooShort = assertThrows(InvalidSettingException.class,
                () -> Secrets.read(SettingsReader.of(Map.of("actiongate.state-key", "c2hvcnQ="))));

        assertEquals("Setting actiongate.state-key (ACTIONGATE_STATE_KEY) is not base64: create one with `openssl rand -base64 32`",
                notBase64.getMessage());
        assertEquals("Setting actiongate.state-key (ACTIONGATE_STATE_KEY) must be 32 bytes (base64 of 32 random bytes): "
                + "create one with `openssl rand -base64 32`", tooShort.getMessage());
    }

    @Test
    void secretsReadAgainReplaceThoseTheyNameAndKeepTheOthers() {
        Secrets secrets = secrets();

        secrets.replace(Map.of("actiongate.gpt.client-secret", "rotated-gpt", "actiongate.state-key", ROTATED_STATE_KEY));

        assertEquals("rotated-gpt", secrets.requiredGptClientSecret().reveal());
        assertEquals("idp-secret", secrets.requiredIdpClientSecret().reveal());
        assertArrayEquals(Base64.getDecoder().decode(ROTATED_STATE_KEY), secrets.requiredStateKey());
    }

    @Test
    void aMalformedSecretReadAgainLeavesEverySecretAsItWas() {
        Secrets secrets = secrets();

        assertThrows(InvalidSettingException.class,
                () -> secrets.replace(Map.of("actiongate.gpt.client-secret", "rotated-gpt", "actiongate.state-key", "c2hvcnQ=")));

        assertEquals("gpt-secret", secrets.requiredGptClientSecret().reveal());
        assertArrayEquals(KEY, secrets.requiredStateKey());
    }

    private static Secrets secrets() {
        return Secrets.read(SettingsReader.of(Map.of("actiongate.gpt.client-secret", "gpt-secret",
                "actiongate.idp.client-secret", "idp-secret", "actiongate.state-key", STATE_KEY)));
    }
}
