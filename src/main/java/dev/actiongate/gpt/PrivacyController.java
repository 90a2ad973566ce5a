package dev.actiongate.gpt;

import dev.actiongate.web.Html;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/** The privacy policy a public GPT must link to. The page is built once; it only changes with settings. */
@Controller("/privacy")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class PrivacyController {

    private final String page;

    PrivacyController(PrivacySettings settings) {
        this.page = render(settings);
    }

    @Get(produces = MediaType.TEXT_HTML + ";charset=utf-8")
    String privacy() {
        return page;
    }

    static String render(PrivacySettings settings) {
        List<String> paragraphs = settings.text()
                .map(text -> List.of(text.strip().split("\\R\\s*\\R")))
                .orElseGet(() -> defaultPolicy(settings));
        StringBuilder html = new StringBuilder(2048)
                .append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Privacy policy</title></head><body><main><h1>Privacy policy</h1>");
        for (String paragraph : paragraphs) {
            html.append("<p>").append(Html.escape(paragraph.strip())).append("</p>");
        }
        return html.append("</main></body></html>").toString();
    }

    private static List<String> defaultPolicy(PrivacySettings settings) {
        String operator = settings.operator();
        return List.of(
                "This service, ActionGate, is operated by " + operator + ". It lets a ChatGPT GPT run and inspect "
                        + "the team's CI/CD pipelines (GitHub Actions) on behalf of the person who signs in.",
                "When you sign in, your organisation's identity provider tells ActionGate your user id, and where it "
                        + "shares them your e-mail address and name. ActionGate uses them only to decide what you may do "
                        + "and to record who did it.",
                "For every request ActionGate records the operation, its target repository, workflow or run, its "
                        + "result and the time, to enforce usage limits and to keep an audit trail of changes such as "
                        + "triggered or cancelled workflows. Audit records expire automatically.",
                "Workflow, run, deployment and log data is fetched from GitHub when you ask for it and passed to "
                        + "ChatGPT; ActionGate does not keep it. Access tokens are never stored in readable form and never "
                        + "written to logs. Nothing is sold or shared with third parties beyond the identity provider, "
                        + "GitHub and OpenAI, which the conversation itself involves.",
                settings.contact()
                        .map(contact -> "Questions or requests to see or delete your records: " + contact + ".")
                        .orElse("Questions or requests to see or delete your records: contact " + operator + "."));
    }
}
