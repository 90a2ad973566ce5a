package dev.actiongate.oauth;

import dev.actiongate.telemetry.SignInEvents;
import dev.actiongate.web.OAuthAnswers;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /token}: authenticates the client, then redeems a code or a refresh token upstream. Every
 * answer is RFC 6749 JSON with {@code Cache-Control: no-store}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class TokenController {

    static final String PATH = "/token";

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final ClientAuthentication clients;
    private final TokenExchange exchange;
    private final OAuthAnswers answers;
    private final JsonMapper json;
    private final SignInEvents events;

    TokenController(ClientAuthentication clients, TokenExchange exchange, OAuthAnswers answers, JsonMapper json, SignInEvents events) {
        this.events = events;
        this.clients = clients;
        this.exchange = exchange;
        this.answers = answers;
        this.json = json;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = PATH, consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<String> token(ServerHttpRequest<?> request) {
        TokenAnswer answer;
        String grant = null;
        SignInEvents.ClientKind kind = null;
        String reason = null;
        try {
            FormParameters form = parameters(request, RawFormBody.read(request, PATH));
            grant = form.get("grant_type").orElse(null);
            ClientAuthentication.TokenClient client = clients.authenticate(request, form);
            kind = SignInEvents.ClientKind.of(client.isPublic());
            answer = exchange.exchange(request, client, form);
        } catch (OAuthProblem problem) {
            reason = problem.error();
            answer = new TokenAnswer(problem.status(), answers.body(problem));
        }
        events.token(grant, outcome(answer.status()), kind, reason);
        return answers.token(answer.status(), answer.body());
    }

    /** The provider's failures are 502 (ProviderUnavailableException); the table's and a wait's, 503 and 504. */
    private static String outcome(int status) {
        if (status == 200) {
            return "ok";
        }
        if (status == 502) {
            return "upstream_error";
        }
        return status >= 500 ? "unavailable" : "refused";
    }

    /** Form-encoded as RFC 6749 says, or a JSON object of strings, which some clients send. */
    private FormParameters parameters(HttpRequest<?> request, String body) throws OAuthProblem {
        MediaType type = request.getContentType().orElse(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return FormParameters.parse(body);
        }
        if (type.matches(MediaType.APPLICATION_JSON_TYPE)) {
            Map<String, Object> object;
            try {
                object = json.readValue(body, JSON_OBJECT);
            } catch (IOException | RuntimeException e) {
                object = null;
            }
            if (object == null) {
                throw OAuthProblem.invalidRequest("The body is not a JSON object.");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : object.entrySet()) {
                if (!(entry.getValue() instanceof String value)) {
                    throw OAuthProblem.invalidRequest("Every parameter in a JSON body must be a string.");
                }
                values.put(entry.getKey(), value);
            }
            return FormParameters.of(values);
        }
        throw OAuthProblem.invalidRequest("Send the parameters as application/x-www-form-urlencoded.");
    }
}
