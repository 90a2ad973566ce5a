package dev.actiongate.ssm;

import dev.actiongate.config.AwsSettings;
import dev.actiongate.config.InvalidSettingException;
import dev.actiongate.config.SecretParameter;
import dev.actiongate.config.SsmSettings;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function's secrets from SSM Parameter Store, read once per cold start: every SecureString under
 * its own folder ({@code /actiongate/<stage>/oauth} or {@code .../api}) with one decrypting
 * {@code GetParametersByPath} (paged), turned into the same properties the environment would give.
 * Values never reach a log line or an exception message.
 */
public final class SsmSecrets {

    /** Where the folder comes from: template.yaml sets the variable; tests use the system property. */
    public static final String PATH_VARIABLE = InvalidSettingException.environmentVariable(SsmSettings.PATH);
    public static final String ENDPOINT_VARIABLE = InvalidSettingException.environmentVariable(SsmSettings.ENDPOINT);

    private final SsmClient ssm;

    SsmSecrets(SsmClient ssm) {
        this.ssm = ssm;
    }

    /** An SSM client as the function uses it: the region Lambda sets, the JDK's HTTP connection, short timeouts. */
    static SsmClient client(AwsSettings aws, SsmSettings settings) {
        SsmClientBuilder builder = SsmClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(10)))
                .region(Region.of(aws.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * @param folder e.g. {@code /actiongate/prod/oauth}; its last segment says which function's secrets these are
     * @return property name to value, for every secret of that function found
     */
    Map<String, Object> load(String folder) {
        String path = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        String functionFolder = path.substring(path.lastIndexOf('/') + 1);
        Map<String, String> found = new HashMap<>();
        String nextToken = null;
        do {
            String token = nextToken;
            GetParametersByPathResponse page;
            try {
                page = ssm.getParametersByPath(request -> request.path(path).withDecryption(true).recursive(false).nextToken(token));
            } catch (SsmException e) {
                throw InvalidSettingException.parameter(path + "/*", readProblem(e));
            } catch (SdkException e) {
                throw InvalidSettingException.parameter(path + "/*", "could not be read (" + e.getClass().getSimpleName()
                        + "): check the function's network access to SSM and its region");
            }
            for (Parameter parameter : page.parameters()) {
                found.put(parameter.name(), parameter.value());
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        Map<String, Object> properties = new LinkedHashMap<>();
        for (SecretParameter secret : SecretParameter.values()) {
            if (!secret.function().folder().equals(functionFolder)) {
                continue;
            }
            String name = path + "/" + secret.parameterName();
            String value = found.get(name);
            if (value == null || value.isBlank()) {
                if (secret.required()) {
                    throw InvalidSettingException.parameter(name, "is missing: create it with "
                            + "`aws ssm put-parameter --type SecureString --name " + name + " --value ...` (see README, \"Secrets\")");
                }
                continue;
            }
            properties.put(secret.property(), value);
        }
        return properties;
    }

    private static String readProblem(SsmException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if ("AccessDeniedException".equals(code)) {
            return "could not be read: access denied. The function's role must allow ssm:GetParametersByPath on this path and "
                    + "kms:Decrypt through SSM (template.yaml grants both)";
        }
        return "could not be read (" + (code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code) + ")";
    }
}
