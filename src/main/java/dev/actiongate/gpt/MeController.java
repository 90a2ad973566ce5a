package dev.actiongate.gpt;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.usage.Caller;
import dev.actiongate.usage.Me;
import dev.actiongate.usage.UsageMeter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

@Controller("/api/me")
@ExecuteOn(TaskExecutors.BLOCKING)
final class MeController {

    private final UsageMeter usage;
    private final UsageSettings settings;

    MeController(UsageMeter usage, UsageSettings settings) {
        this.usage = usage;
        this.settings = settings;
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(operationId = "getMe", summary = "Who am I",
            description = "Returns the signed-in person (user id, e-mail, name), the scopes this sign-in grants and today's quota left.",
            security = @SecurityRequirement(name = "oauth2"))
    Me getMe(HttpRequest<?> request, Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        List<String> scopes = List.copyOf(authentication.getRoles());
        Caller caller = Caller.of(authentication, settings);
        Me.Quota quota = usage.today(caller, request)
                .map(today -> new Me.Quota(caller.tier(), today.dailyLimit(), today.calls(), today.remaining()))
                .orElse(null);
        return new Me(authentication.getName(), text(claims.get("email")), text(claims.get("name")),
                text(claims.get("iss")), scopes, instant(claims.get("exp")), quota);
    }

    private static String text(Object claim) {
        return claim instanceof String value ? value : null;
    }

    private static Instant instant(Object claim) {
        return claim instanceof Date date ? date.toInstant() : null;
    }
}
