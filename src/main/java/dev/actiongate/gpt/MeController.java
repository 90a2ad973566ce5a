package dev.actiongate.gpt;

import dev.actiongate.security.Caller;
import dev.actiongate.usage.Me;
import dev.actiongate.usage.UsageOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code getMe}: who the token belongs to, what it grants, and today's quota left. */
@Tag(name = ApiDocumentDefinition.ACCOUNT)
@Controller("/api/me")
@ExecuteOn(TaskExecutors.BLOCKING)
final class MeController {

    private final UsageOperations usage;

    MeController(UsageOperations usage) {
        this.usage = usage;
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(operationId = "getMe", summary = "Who am I",
            description = "Returns the signed-in person (user id, e-mail, name), the scopes this sign-in grants and today's quota left.",
            security = @SecurityRequirement(name = "oauth2"))
    Me getMe(HttpRequest<?> request, @Parameter(hidden = true) Caller caller) {
        return usage.getMe(caller, MeteringFilter.admission(request));
    }
}
