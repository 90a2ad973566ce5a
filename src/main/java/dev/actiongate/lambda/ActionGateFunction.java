package dev.actiongate.lambda;

import dev.actiongate.config.StartupFailure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The Lambda handler of both functions: micronaut-function-aws-api-proxy's API Gateway HTTP API
 * (payload v2) handler, started so that a bad setting ends the init phase with the one line that names
 * it rather than a framework stack trace.
 */
public final class ActionGateFunction extends APIGatewayV2HTTPEventFunction {

    public ActionGateFunction() {
        super(startContext());
    }

    public ActionGateFunction(ApplicationContext context) {
        super(context);
    }

    static ApplicationContext startContext() {
        try {
            return new LambdaApplicationContextBuilder().start();
        } catch (RuntimeException e) {
            throw StartupFailure.invalidSetting(e).map(RuntimeException.class::cast).orElse(e);
        }
    }
}
