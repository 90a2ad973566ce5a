package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The per-invocation facts the Lambda runtime hands a handler, as for one of ActionGate's 1024 MB
 * functions, for invocations that do not come from the runtime: the SnapStart priming requests, and the
 * tests and benchmarks that call the handler themselves.
 */
public final class InvocationContext implements Context {

    private final String requestId;
    private final boolean quiet;

    private InvocationContext(String requestId, boolean quiet) {
        this.requestId = requestId;
        this.quiet = quiet;
    }

    /** A new invocation with its own request id; what the handler logs through the context goes to stdout. */
    public static InvocationContext next() {
        return new InvocationContext(UUID.randomUUID().toString(), false);
    }

    /** The priming requests' context, which logs nothing. */
    static InvocationContext priming() {
        return new InvocationContext("priming", true);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/actiongate";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/25/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "actiongate";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:actiongate:live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 29_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                if (!quiet) {
                    System.out.print(message);
                }
            }

            @Override
            public void log(byte[] message) {
                if (!quiet) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            }
        };
    }
}
