package dev.actiongate.oauth;

import dev.actiongate.oauth.clients.Registrations;
import dev.actiongate.telemetry.SignInEvents;
import dev.actiongate.web.BodyLength;
import dev.actiongate.web.OAuthAnswers;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /register} (RFC 7591 §3): registers a public MCP client and answers the client_id, which is
 * the registration sealed; refusals in §3.2.2's form. Every answer is JSON with {@code Cache-Control: no-store}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class RegisterController {

    static final String PATH = "/register";

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final Registrations registrations;
    private final OAuthAnswers answers;
    private final JsonMapper json;
    private final SignInEvents events;

    RegisterController(Registrations registrations, OAuthAnswers answers, JsonMapper json, SignInEvents events) {
        this.events = events;
        this.registrations = registrations;
        this.answers = answers;
        this.json = json;
    }

    @Post(uri = PATH, consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<String> register(HttpRequest<?> request, @Body @Nullable String body) {
        try {
            if (BodyLength.declared(request) > FormParameters.MAX_LENGTH || body != null && body.length() > FormParameters.MAX_LENGTH) {
                throw OAuthProblem.tooLarge("The registration is larger than the " + BodyLength.readable(FormParameters.MAX_LENGTH)
                        + " ActionGate accepts at /register.");
            }
            Registrations.Registered registered = registrations.register(metadata(body));
            // RFC 7591 §3.2.1: the server may replace what was asked; every client registered here is public.
            RegistrationResponse response = new RegistrationResponse(registered.clientId(), registered.issuedAt(),
                    registered.expiresAt(), registered.name(), registered.redirectUris(), registered.grantTypes(), List.of("code"), "none");
            events.registered();
            return answers.token(HttpStatus.CREATED.getCode(), answers.write(response));
        } catch (OAuthProblem problem) {
            events.registerRefused(problem.error());
            return answers.token(problem.status(), answers.body(problem));
        }
    }

    private Map<String, Object> metadata(@Nullable String body) throws OAuthProblem {
        Map<String, Object> metadata;
        try {
            metadata = body == null || body.isBlank() ? null : json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            metadata = null;
        }
        if (metadata == null) {
            throw OAuthProblem.of(OAuthErrorCode.INVALID_CLIENT_METADATA, "Send the client metadata as a JSON object (RFC 7591).");
        }
        return metadata;
    }
}
