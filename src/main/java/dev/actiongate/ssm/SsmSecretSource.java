package dev.actiongate.ssm;

import dev.actiongate.config.AwsSettings;
import dev.actiongate.config.SecretSource;
import dev.actiongate.config.SsmSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.Map;

/**
 * The secrets read again after a SnapStart restore, with a client made for the occasion and closed
 * after: no connection is kept for a restore that may come hours later, or never.
 */
@Singleton
final class SsmSecretSource implements SecretSource {

    private final AwsSettings aws;
    private final SsmSettings settings;

    SsmSecretSource(AwsSettings aws, SsmSettings settings) {
        this.aws = aws;
        this.settings = settings;
    }

    @Override
    public Map<String, Object> load(String folder) {
        try (SsmClient ssm = SsmSecrets.client(aws, settings)) {
            return new SsmSecrets(ssm).load(folder);
        }
    }
}
