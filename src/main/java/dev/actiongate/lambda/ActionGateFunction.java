package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.actiongate.config.SnapshotPriming;
import dev.actiongate.config.StartupFailure;
import dev.actiongate.ssm.SsmBootstrap;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.telemetry.RequestIds;
import dev.actiongate.telemetry.Stdout;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.json.JsonMapper;
import org.crac.Core;
import org.crac.Resource;

import java.util.List;

/**
 * The Lambda handler of both functions: micronaut-function-aws-api-proxy's API Gateway HTTP API
 * (payload v2) handler, started with the function's secrets from SSM Parameter Store and so that a bad
 * setting or a missing secret ends the init phase with the one line that names it rather than a
 * framework stack trace.
 */
public final class ActionGateFunction extends APIGatewayV2HTTPEventFunction
        // RequestHandler is inherited; naming it here lets AWS's SnapStart rules see this is a handler.
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    static final String SSM_SECRETS = "ssm-secrets";
    /** Above the environment and system properties: on AWS the secrets come from SSM and nowhere else. */
    static final int SSM_PRIORITY = Integer.MAX_VALUE - 100;

    private final UnreadableHeaders unreadable;
    private final Metrics metrics;

    public ActionGateFunction() {
        super(startContext());
        this.unreadable = new UnreadableHeaders(getApplicationContext().getBean(JsonMapper.class));
        this.metrics = getApplicationContext().getBean(Metrics.class);
        // SnapStart: prime through this very handler before the snapshot is taken.
        Core.getGlobalContext().register(this);
    }

    public ActionGateFunction(ApplicationContext context) {
        super(context);
        this.unreadable = new UnreadableHeaders(context.getBean(JsonMapper.class));
        this.metrics = context.getBean(Metrics.class);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // Every line of the invocation carries Lambda's request id; its metrics are written when it ends.
        RequestIds.set(context == null ? null : context.getAwsRequestId());
        Stdout.hold();
        try {
            // The cookies join the headers first, so that one HTTP cannot carry is refused like any header.
            APIGatewayV2HTTPEvent withCookies = ApiGatewayCookies.inCookieHeader(event);
            return unreadable.refusal(withCookies).orElseGet(() ->
                    ApiGatewayCookies.inCookiesArray(super.handleRequest(withCookies, context)));
        } finally {
            metrics.flush();
            RequestIds.clear();
            Stdout.release();
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // the beans that must refresh after a restore (keys, secrets) are OrderedResources themselves
    }

    /**
     * Lets the beans that would otherwise do slow work on their first call do it now (the DynamoDB
     * client), then sends the priming requests through this handler.
     *
     * @return the statuses the priming requests got
     */
    List<Integer> prime() {
        // The priming requests are no one's: no metric, no access line, and the next request is the cold start.
        metrics.mute(true);
        try {
            getApplicationContext().getBeansOfType(SnapshotPriming.class).forEach(SnapshotPriming::prime);
            return Priming.run(this::handleRequest);
        } finally {
            metrics.mute(false);
        }
    }

    static ApplicationContext startContext() {
        try {
            LambdaApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
            SsmBootstrap.secrets().ifPresent(secrets -> builder.propertySources(PropertySource.of(SSM_SECRETS, secrets, SSM_PRIORITY)));
            return builder.start();
        } catch (RuntimeException e) {
            throw StartupFailure.invalidSetting(e).map(RuntimeException.class::cast).orElse(e);
        }
    }
}
