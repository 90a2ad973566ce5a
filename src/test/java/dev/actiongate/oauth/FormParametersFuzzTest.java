package dev.actiongate.oauth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.QueryString;
import io.micronaut.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of how {@code /authorize}, {@code /oauth/callback} and {@code /token}
 * read their parameters: any raw query or form body is either parameters or an {@code invalid_request}
 * (never another exception, which would be a 500), and whatever a client encodes comes back unchanged.
 * One fuzz target per class: libFuzzer fuzzes one target per JVM.
 */
class FormParametersFuzzTest {

    @FuzzTest(maxExecutions = 30_000, maxDuration = "60s")
    void anyQueryIsReadOrRefusedAndEncodedParametersComeBackUnchanged(String raw,
            @NotNull @WithSize(max = 8) Map<@NotNull String, @NotNull String> sent) {
        try {
            FormParameters.parse(raw);
        } catch (OAuthProblem problem) {
            assertInvalidRequest(problem);
        }

        if (!sent.keySet().stream().allMatch(FormParametersFuzzTest::sendable)
                || !sent.values().stream().allMatch(FormParametersFuzzTest::sendable)) {
            return;
        }
        String rfc3986 = QueryString.append("", sent).replaceFirst("^\\?", "");
        String formEncoded = formEncoded(sent);
        for (String encoded : new String[] {rfc3986, formEncoded}) {
            if (encoded.length() > FormParameters.MAX_LENGTH) {
                assertInvalidRequest(assertThrows(OAuthProblem.class, () -> FormParameters.parse(encoded)));
                continue;
            }
            FormParameters parsed = parse(encoded);
            sent.forEach((name, value) ->
                    assertEquals(value.isEmpty() ? Optional.empty() : Optional.of(value), parsed.get(name), encoded));
        }
        if (!sent.isEmpty() && formEncoded.length() * 2 < FormParameters.MAX_LENGTH) {
            Map.Entry<String, String> first = sent.entrySet().iterator().next();
            String repeated = formEncoded + "&" + formEncoded(Map.of(first.getKey(), "again"));
            OAuthProblem problem = assertThrows(OAuthProblem.class, () -> FormParameters.parse(repeated), repeated);
            assertInvalidRequest(problem);
            assertTrue(problem.description().contains("more than once"), problem.description());
        }
    }

    /** A string a client can put on the wire: UTF-8 has no encoding for an unpaired surrogate. */
    private static boolean sendable(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    /** As browsers and most HTTP clients send forms: space as '+'. */
    private static String formEncoded(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static FormParameters parse(String encoded) {
        try {
            return FormParameters.parse(encoded);
        } catch (OAuthProblem problem) {
            throw new AssertionError("a correctly encoded query was refused: " + problem.description() + ": " + encoded, problem);
        }
    }

    private static void assertInvalidRequest(OAuthProblem problem) {
        assertEquals(HttpStatus.BAD_REQUEST.getCode(), problem.status());
        assertEquals("invalid_request", problem.error());
    }
}
