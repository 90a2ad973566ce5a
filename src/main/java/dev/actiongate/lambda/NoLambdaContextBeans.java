package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Micronaut registers Lambda's {@link Context}, its logger and identity as singletons on every
 * invocation, and each registration empties the bean context's lookup caches: measured, that was over a
 * third of a warm {@code /api/me} in the handler. Nothing in ActionGate injects them, so none is registered.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
final class NoLambdaContextBeans implements LambdaContextFactory {

    @Override
    public void registerSingletons(Context context) {
        // deliberately nothing
    }
}
