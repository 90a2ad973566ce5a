package dev.actiongate.identity;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
final class MeController {

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(operationId = "getMe", summary = "Who am I",
            description = "Returns the signed-in person (user id, e-mail, name) and the scopes this sign-in grants.",
            security = @SecurityRequirement(name = "oauth2"))
    Me me(Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        List<String> scopes = List.copyOf(authentication.getRoles());
        return new Me(authentication.getName(), text(claims.get("email")), text(claims.get("name")),
                text(claims.get("iss")), scopes, instant(claims.get("exp")));
    }

    private static String text(Object claim) {
        return claim instanceof String value ? value : null;
    }

    private static Instant instant(Object claim) {
        return claim instanceof Date date ? date.toInstant() : null;
    }
}
