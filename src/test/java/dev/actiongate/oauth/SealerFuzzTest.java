package dev.actiongate.oauth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.actiongate.config.Secrets;
import dev.actiongate.config.SettingsReader;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.oauth.sealing.StateKeyCrypto;
import dev.actiongate.testing.TestIdentityProvider;
import io.micronaut.serde.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Coverage-guided fuzzing (Jazzer) of the sealed state and code: any value a client makes up is refused
 * with a {@link SealException} for both purposes (never accepted, never another exception), every sealed
 * payload comes back unchanged, and a sealed value with any one bit changed is refused.
 */
class SealerFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Sealer SEALER = sealer();

    @FuzzTest(maxExecutions = 10_000, maxDuration = "60s")
    void madeUpValuesAreRefusedAndSealedValuesComeBackOnlyUnchanged(String madeUp,
            @NotNull String upstreamCode, @NotNull String gptState, int bitToFlip) {
        for (Sealer.Purpose purpose : Sealer.Purpose.values()) {
            assertThrows(SealException.class, () -> SEALER.unseal(purpose, madeUp, IssuedCode.class), madeUp);
        }

        if (!sendable(upstreamCode) || !sendable(gptState)) {
            return;
        }
        IssuedCode code = new IssuedCode(new AuthorizationRequest(TestIdentityProvider.GPT_CLIENT_ID, false,
                TestIdentityProvider.GPT_REDIRECT_URI, gptState, "workflows:read", null, null), upstreamCode, "v".repeat(43),
                "https://gate.example/oauth/callback");
        String sealed = SEALER.seal(Sealer.Purpose.CODE, code, NOW.plusSeconds(60));
        if (sealed.length() > 8192) {
            assertThrows(SealException.class, () -> SEALER.unseal(Sealer.Purpose.CODE, sealed, IssuedCode.class));
            return;
        }
        assertEquals(code, unseal(sealed));
        assertThrows(SealException.class, () -> SEALER.unseal(Sealer.Purpose.STATE, sealed, IssuedCode.class));

        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(1));
        int bit = Math.floorMod(bitToFlip, bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        String tampered = sealed.charAt(0) + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThrows(SealException.class, () -> SEALER.unseal(Sealer.Purpose.CODE, tampered, IssuedCode.class), tampered);
    }

    private static IssuedCode unseal(String sealed) {
        try {
            return SEALER.unseal(Sealer.Purpose.CODE, sealed, IssuedCode.class);
        } catch (SealException e) {
            throw new AssertionError("a value sealed a moment ago was refused as " + e.getMessage(), e);
        }
    }

    /** A string a client can put on the wire: UTF-8 has no encoding for an unpaired surrogate. */
    private static boolean sendable(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    private static Sealer sealer() {
        Secrets key = Secrets.read(SettingsReader.of(Map.of("actiongate.state-key", TestIdentityProvider.STATE_KEY)));
        return new Sealer(new StateKeyCrypto(key), ObjectMapper.getDefault(), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
