package dev.actiongate.local;

import dev.actiongate.config.StartupFailure;
import dev.actiongate.testing.LocalDynamoDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;

import java.util.concurrent.CompletableFuture;

/**
 * {@code ./mvnw -Plocal}: ActionGate on http://localhost:8080 with an embedded OpenID provider on
 * http://localhost:8090 (unless ACTIONGATE_IDP_ISSUER points at a real one) and DynamoDB Local on
 * http://localhost:8000 (unless ACTIONGATE_USAGE_ENDPOINT points at another).
 */
public final class LocalActionGate {

    static final int IDP_PORT = 8090;
    static final int DYNAMODB_PORT = 8000;

    private LocalActionGate() {
    }

    public static void main(String[] args) {
        // Readable log lines in a terminal, unless ACTIONGATE_LOG_FORMAT asks for JSON; set before Logback starts.
        String format = System.getenv("ACTIONGATE_LOG_FORMAT");
        System.setProperty("actiongate.log.format", format == null || format.isBlank() ? "text" : format);
        String issuer = System.getenv("ACTIONGATE_IDP_ISSUER");
        boolean embeddedIdp = issuer == null || issuer.isBlank();
        String dynamoDbEndpoint = System.getenv("ACTIONGATE_USAGE_ENDPOINT");
        // The two embedded services start side by side: each spends most of its time loading classes.
        CompletableFuture<LocalDynamoDb> startingDynamoDb = dynamoDbEndpoint == null || dynamoDbEndpoint.isBlank()
                ? CompletableFuture.supplyAsync(() -> LocalDynamoDb.onPort(DYNAMODB_PORT)) : CompletableFuture.completedFuture(null);
        MockOAuth2Server idp = embeddedIdp ? EmbeddedIdentityProvider.start(IDP_PORT) : null;
        LocalDynamoDb dynamoDb = startingDynamoDb.join();
        ApplicationContext context;
        try {
            context = ApplicationContext.builder().environments("local").deduceEnvironment(false).start();
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            System.err.println(StartupFailure.invalidSetting(e).map(Throwable::getMessage)
                    .orElse("ActionGate did not start: " + e.getMessage()));
            if (idp != null) {
                idp.shutdown();
            }
            if (dynamoDb != null) {
                dynamoDb.stop();
            }
            System.exit(1);
            return;
        }
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        System.out.println("ActionGate is running on " + server.getURL());
        if (idp != null) {
            System.out.println("Embedded OpenID provider: " + idp.issuerUrl(EmbeddedIdentityProvider.ISSUER_ID));
        }
        if (dynamoDb != null) {
            System.out.println("DynamoDB Local: " + dynamoDb.endpoint() + " (table " + LocalDynamoDb.TABLE + ", in memory)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            if (idp != null) {
                idp.shutdown();
            }
            if (dynamoDb != null) {
                dynamoDb.stop();
            }
        }));
    }
}
