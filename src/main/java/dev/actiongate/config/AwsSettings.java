package dev.actiongate.config;

/**
 * {@code aws.*}: what the AWS clients (DynamoDB, SSM) are built with. Lambda sets {@code AWS_REGION}
 * and the credentials' variables, which Micronaut reads as {@code aws.region},
 * {@code aws.access-key-id} and {@code aws.secret-access-key}. On AWS the credentials are left to the
 * SDK's own chain; they are read here only for an endpoint other than AWS's (DynamoDB Local, LocalStack),
 * where any pair will do.
 */
public final class AwsSettings {

    public static final String REGION = "aws.region";
    public static final String DEFAULT_REGION = "us-east-1";
    static final String ACCESS_KEY_ID = "aws.access-key-id";
    static final String SECRET_ACCESS_KEY = "aws.secret-access-key";
    /** What DynamoDB Local is given when the environment names no credentials (its table namespace is key and region). */
    private static final String LOCAL_CREDENTIAL = "local";

    private final String region;
    private final String localAccessKeyId;
    private final Secret localSecretAccessKey;

    private AwsSettings(SettingsReader settings) {
        this.region = settings.string(REGION).orElse(DEFAULT_REGION);
        this.localAccessKeyId = settings.verbatim(ACCESS_KEY_ID).orElse(LOCAL_CREDENTIAL);
        this.localSecretAccessKey = Secret.of(settings.verbatim(SECRET_ACCESS_KEY).orElse(LOCAL_CREDENTIAL));
    }

    public static AwsSettings read(SettingsReader settings) {
        return new AwsSettings(settings);
    }

    /** The region Lambda runs in; reading it directly skips the SDK's slower provider chain. */
    public String region() {
        return region;
    }

    /** The access key id for an endpoint other than AWS's. */
    public String localAccessKeyId() {
        return localAccessKeyId;
    }

    /** The secret access key for an endpoint other than AWS's. */
    public Secret localSecretAccessKey() {
        return localSecretAccessKey;
    }
}
