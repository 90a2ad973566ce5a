package dev.actiongate.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Lets a controller action take the {@link Caller} of the request's verified token as an argument. */
@Singleton
final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    private final Callers callers;

    CallerBinder(Callers callers) {
        this.callers = callers;
    }

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Authentication> authentication = source.getUserPrincipal(Authentication.class);
        return authentication.isEmpty() ? BindingResult.unsatisfied() : () -> Optional.of(callers.of(source, authentication.get()));
    }
}
