package dev.actiongate.ssm;

import dev.actiongate.config.AwsSettings;
import dev.actiongate.config.InvalidSettingException;
import dev.actiongate.config.SettingsReader;
import dev.actiongate.config.SsmSettings;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The function's secrets at a cold start, read before Micronaut starts so that they are settings like
 * any other from the first bean on.
 */
public final class SsmBootstrap {

    private SsmBootstrap() {
    }

    /**
     * @return property name to value for every secret in the folder {@code actiongate.ssm.path} names, or
     *         empty when it names none (locally, where the secrets come from the environment)
     * @throws InvalidSettingException when the folder cannot be read or lacks a required secret
     */
    public static Optional<Map<String, Object>> secrets() {
        SettingsReader process = SettingsReader.of(processSettings(SsmSettings.PATH, SsmSettings.ENDPOINT, AwsSettings.REGION));
        SsmSettings settings = SsmSettings.read(process);
        return settings.path().map(path -> {
            try (SsmClient ssm = SsmSecrets.client(AwsSettings.read(process), settings)) {
                return new SsmSecrets(ssm).load(path);
            }
        });
    }

    /**
     * The one place that reads the process environment itself: no property resolver exists yet. A system
     * property wins over its environment variable, as in Micronaut's own order.
     */
    private static Map<String, Object> processSettings(String... properties) {
        Map<String, Object> found = new LinkedHashMap<>();
        for (String property : properties) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = System.getenv(InvalidSettingException.environmentVariable(property));
            }
            if (value != null && !value.isBlank()) {
                found.put(property, value.trim());
            }
        }
        return found;
    }
}
