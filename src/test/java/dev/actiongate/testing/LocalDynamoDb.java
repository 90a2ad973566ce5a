package dev.actiongate.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.actiongate.dynamodb.TableLayout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * AWS's DynamoDB Local, in this JVM, on a loopback port, with ActionGate's table created as
 * template.yaml declares it. Started once and shared by the tests and the local server.
 */
public final class LocalDynamoDb {

    public static final String TABLE = "actiongate-local";

    private static LocalDynamoDb shared;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(int port) {
        if (System.getProperty("sqlite4java.library.path") == null) {
            System.setProperty("sqlite4java.library.path", "target/native-libs");
        }
        try {
            server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
        endpoint = URI.create("http://localhost:" + port);
        createTable();
    }

    /** The JVM-wide instance on a free port. */
    public static synchronized LocalDynamoDb shared() {
        if (shared == null) {
            shared = new LocalDynamoDb(freePort());
        }
        return shared;
    }

    /** An instance on a fixed port, for the local server. */
    public static LocalDynamoDb onPort(int port) {
        return new LocalDynamoDb(port);
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void createTable() {
        try (DynamoDbClient client = client()) {
            client.createTable(create -> create.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(TableLayout.PARTITION_KEY).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableLayout.SORT_KEY).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableLayout.BY_DAY_PARTITION).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableLayout.BY_DAY_SORT).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableLayout.BY_ACTOR_PARTITION).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(TableLayout.PARTITION_KEY).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(TableLayout.SORT_KEY).keyType(KeyType.RANGE).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(TableLayout.BY_DAY_INDEX)
                            .keySchema(
                                    KeySchemaElement.builder().attributeName(TableLayout.BY_DAY_PARTITION).keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName(TableLayout.BY_DAY_SORT).keyType(KeyType.RANGE).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build(), GlobalSecondaryIndex.builder().indexName(TableLayout.BY_ACTOR_INDEX)
                            .keySchema(
                                    KeySchemaElement.builder().attributeName(TableLayout.BY_ACTOR_PARTITION).keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName(TableLayout.BY_ACTOR_SORT).keyType(KeyType.RANGE).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build()));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier start against the same engine
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
