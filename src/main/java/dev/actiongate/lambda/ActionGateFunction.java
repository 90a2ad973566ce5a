package dev.actiongate.lambda;

import dev.actiongate.config.SsmSecrets;
import dev.actiongate.config.StartupFailure;
import io.micronaut.context.env.PropertySource;
import software.amazon.awssdk.services.ssm.SsmClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The Lambda handler of both functions: micronaut-function-aws-api-proxy's API Gateway HTTP API
 * (payload v2) handler, started with the function's secrets from SSM Parameter Store and so that a bad
 * setting or a missing secret ends the init phase with the one line that names it rather than a
 * framework stack trace.
 */
public final class ActionGateFunction extends APIGatewayV2HTTPEventFunction {

    static final String SSM_SECRETS = "ssm-secrets";
    /** Above the environment and system properties: on AWS the secrets come from SSM and nowhere else. */
    static final int SSM_PRIORITY = Integer.MAX_VALUE - 100;

    public ActionGateFunction() {
        super(startContext());
    }

    public ActionGateFunction(ApplicationContext context) {
        super(context);
    }

    static ApplicationContext startContext() {
        try {
            LambdaApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
            SsmSecrets.configuredPath().ifPresent(path -> {
                try (SsmClient ssm = SsmSecrets.client()) {
                    builder.propertySources(PropertySource.of(SSM_SECRETS, new SsmSecrets(ssm).load(path), SSM_PRIORITY));
                }
            });
            return builder.start();
        } catch (RuntimeException e) {
            throw StartupFailure.invalidSetting(e).map(RuntimeException.class::cast).orElse(e);
        }
    }
}
