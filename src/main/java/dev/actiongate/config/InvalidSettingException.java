package dev.actiongate.config;

/**
 * A setting of the configuration contract is missing or malformed. The message is one line that names
 * the property and its environment variable, so start-up can stop with exactly that line.
 */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String property, String problem) {
        super("Setting " + property + " (" + environmentVariable(property) + ") " + problem, null, false, false);
    }

    /** {@code actiongate.idp.client-id} is read from {@code ACTIONGATE_IDP_CLIENT_ID}. */
    public static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
