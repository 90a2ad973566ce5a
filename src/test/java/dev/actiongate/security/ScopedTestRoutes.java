package dev.actiongate.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

/** Routes guarded by a scope, for checking the 403 answer before the operations that use scopes exist. */
@Requires(env = "test")
@Controller("/api/test-scoped")
final class ScopedTestRoutes {

    @Get
    @Secured(Scopes.WORKFLOWS_TRIGGER)
    String trigger() {
        return "triggered";
    }
}
