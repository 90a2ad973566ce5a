package dev.actiongate.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.actiongate.lambda.ActionGateFunction;
import dev.actiongate.lambda.InvocationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

import java.util.Map;

/**
 * The class Lambda calls, started on the given settings and fed events as JSON, read with the same
 * serializer library the Lambda Java runtime uses.
 */
public final class LambdaHandler implements AutoCloseable {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LambdaHandler.class.getClassLoader());

    private final ActionGateFunction function;

    public LambdaHandler(Map<String, Object> settings) {
        function = new ActionGateFunction(new LambdaApplicationContextBuilder().properties(settings).start());
    }

    public APIGatewayV2HTTPResponse invoke(String eventJson) {
        return invoke(EVENTS.fromJson(eventJson));
    }

    public APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return function.handleRequest(event, InvocationContext.next());
    }

    public ActionGateFunction function() {
        return function;
    }

    @Override
    public void close() {
        function.getApplicationContext().close();
    }
}
