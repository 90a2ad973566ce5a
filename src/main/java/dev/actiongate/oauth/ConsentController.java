package dev.actiongate.oauth;

import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.telemetry.SignInEvents;
import dev.actiongate.web.BrowserAnswers;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code POST /authorize/consent}: the person's Approve or Deny on the consent page. It counts only with the
 * page's sealed ticket and the nonce cookie of the browser the page was shown in; anything else is the 400
 * page and no redirect, since neither the request nor its redirect URI can then be trusted to be the person's.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class ConsentController {

    static final String PATH = "/authorize/consent";

    private final Consent consent;
    private final ConsentCookies cookies;
    private final Sealer sealer;
    private final BrowserAnswers answers;
    private final AuthorizationResponses responses;
    private final SignInEvents events;

    ConsentController(Consent consent, ConsentCookies cookies, Sealer sealer, BrowserAnswers answers, AuthorizationResponses responses, SignInEvents events) {
        this.events = events;
        this.consent = consent;
        this.cookies = cookies;
        this.sealer = sealer;
        this.answers = answers;
        this.responses = responses;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = PATH, consumes = MediaType.ALL, produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    MutableHttpResponse<String> decide(ServerHttpRequest<?> request) {
        ConsentTicket ticket;
        boolean approve;
        boolean remember;
        try {
            FormParameters form = FormParameters.parse(RawFormBody.read(request, PATH));
            ticket = unseal(form.require("ticket"));
            if (!cookies.nonceMatches(request, ticket.nonceId())) {
                // A page elsewhere posting a ticket it got for itself, or a browser that lost the cookie.
                throw OAuthProblem.invalidRequest("This answer did not come from the page ActionGate showed in this browser, "
                        + "so it cannot count; start the sign-in again from the application.");
            }
            String decision = form.require("decision");
            if (!decision.equals("approve") && !decision.equals("deny")) {
                throw OAuthProblem.invalidRequest("The answer must be approve or deny.");
            }
            approve = decision.equals("approve");
            remember = ticket.rememberable() && form.get("remember").isPresent();
        } catch (OAuthProblem problem) {
            events.consentRefused(problem.error());
            return answers.refuse(request, problem);
        }
        AuthorizationRequest asked = ticket.request();
        SignInEvents.ClientKind kind = SignInEvents.ClientKind.of(asked.publicClient());
        if (!approve) {
            events.consentDenied(kind);
            // RFC 6749 §4.1.2.1: access_denied, to the redirect URI sealed in the ticket and nowhere else.
            return responses.error(request, asked.redirectUri(), OAuthErrorCode.ACCESS_DENIED.code(),
                    "The person did not allow this application to use ActionGate.", asked.state()).status(HttpStatus.SEE_OTHER);
        }
        try {
            // 303: the browser follows a POST's redirect with a GET (RFC 9110 §15.4.4).
            MutableHttpResponse<String> onward = consent.approved(request, asked, HttpStatus.SEE_OTHER);
            events.consentApproved(kind);
            return remember ? onward.cookie(cookies.remember(request, asked)) : onward;
        } catch (OAuthProblem problem) {
            events.consentRefused(problem.error());
            return responses.error(request, asked.redirectUri(), problem, asked.state()).status(HttpStatus.SEE_OTHER);
        }
    }

    private ConsentTicket unseal(String ticket) throws OAuthProblem {
        try {
            return sealer.unseal(Sealer.Purpose.CONSENT_TICKET, ticket, ConsentTicket.class);
        } catch (SealException e) {
            throw OAuthProblem.invalidRequest(e.expired()
                    ? "The consent page was open too long and has expired; start the sign-in again from the application."
                    : "The consent page's answer is not valid; it may have been altered.");
        }
    }
}
