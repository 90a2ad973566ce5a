package dev.actiongate.config;

/**
 * A setting of the configuration contract is missing or malformed. The message is one line that names
 * the property and its environment variable, so start-up can stop with exactly that line.
 */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String property, String problem) {
        this("Setting " + property + " (" + environmentVariable(property) + ") " + problem);
    }

    private InvalidSettingException(String message) {
        super(message, null, false, false);
    }

    /** A secret that could not be read from SSM Parameter Store: the line names the parameter path. */
    public static InvalidSettingException parameter(String path, String problem) {
        return new InvalidSettingException("SSM parameter " + path + " " + problem);
    }

    /** {@code actiongate.idp.client-id} is read from {@code ACTIONGATE_IDP_CLIENT_ID}. */
    public static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
