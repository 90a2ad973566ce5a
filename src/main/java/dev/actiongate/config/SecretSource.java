package dev.actiongate.config;

import java.util.Map;

/**
 * Where the function's secrets are kept outside the process: SSM Parameter Store (the {@code ssm}
 * package). A SnapStart restore asks it for them again ({@link SecretRefresh}).
 */
public interface SecretSource {

    /**
     * @param folder e.g. {@code /actiongate/prod/oauth} ({@code actiongate.ssm.path})
     * @return property name to value, for every secret of that folder's function found
     * @throws InvalidSettingException when the folder cannot be read or lacks a secret its function requires
     */
    Map<String, Object> load(String folder);
}
