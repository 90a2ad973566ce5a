package dev.actiongate.oauth;

import dev.actiongate.config.Secrets;
import dev.actiongate.config.SettingsReader;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.oauth.sealing.StateKeyCrypto;
import dev.actiongate.testing.TestIdentityProvider;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SealerTest {

    /** Found by SealerFuzzTest: serde's default inclusion dropped empty strings, so "" came back as null. */
    @Test
    void emptyValuesComeBackEmptyNotNull() throws SealException {
        Secrets key = Secrets.read(SettingsReader.of(Map.of("actiongate.state-key", TestIdentityProvider.STATE_KEY)));
        Sealer sealer = new Sealer(new StateKeyCrypto(key), ObjectMapper.getDefault(), java.time.Clock.systemUTC());
        PendingSignIn pending = new PendingSignIn(new AuthorizationRequest("gpt", false, "https://chatgpt.com/aip/g-1/oauth/callback", "", "",
                null, null), "v", "");

        String sealed = sealer.seal(Sealer.Purpose.STATE, pending, Instant.now().plusSeconds(60));

        assertEquals(pending, sealer.unseal(Sealer.Purpose.STATE, sealed, PendingSignIn.class));
    }
}
