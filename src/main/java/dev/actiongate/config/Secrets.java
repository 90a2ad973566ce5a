package dev.actiongate.config;

import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets of the configuration contract ({@link SecretParameter}), the one mutable part of the
 * settings: a SnapStart restore may read them again ({@link SecretRefresh}), and the new set replaces
 * the old as a whole once every value in it checks out. Consumers ask here at each use, so a refreshed
 * secret applies at once. The state key is decoded and checked when it arrives, not at each use.
 */
public final class Secrets {

    private static final String STATE_KEY_HINT = "create one with `openssl rand -base64 32`";

    private volatile Values values;

    private Secrets(Values values) {
        this.values = values;
    }

    public static Secrets read(SettingsReader settings) {
        Map<SecretParameter, Secret> found = new EnumMap<>(SecretParameter.class);
        for (SecretParameter secret : SecretParameter.values()) {
            settings.verbatim(secret.property()).ifPresent(value -> found.put(secret, Secret.of(value)));
        }
        return new Secrets(Values.of(found));
    }

    /** Whether the admin page can sign people in here: the provider's client secret and a state key are both set. */
    public boolean signsAdminsIn() {
        return values.secrets.containsKey(SecretParameter.IDP_CLIENT_SECRET) && values.secrets.containsKey(SecretParameter.STATE_KEY);
    }

    /** The GPT's client secret at the bridge's {@code /token}. */
    public Secret requiredGptClientSecret() {
        return values.required(SecretParameter.GPT_CLIENT_SECRET);
    }

    /** ActionGate's client secret at the identity provider. */
    public Secret requiredIdpClientSecret() {
        return values.required(SecretParameter.IDP_CLIENT_SECRET);
    }

    /** The 32 bytes that seal OAuth state and codes; a copy, the caller may keep it. */
    public byte[] requiredStateKey() {
        byte[] key = values.stateKey;
        if (key == null) {
            throw RequiredSettings.missing(SecretParameter.STATE_KEY.property());
        }
        return key.clone();
    }

    /** Absent until someone sets it; the GitHub operations then answer 503 saying so. */
    public Optional<Secret> githubToken() {
        return Optional.ofNullable(values.secrets.get(SecretParameter.GITHUB_TOKEN));
    }

    /**
     * @param found property name to value, as read again (e.g. from SSM); a secret not among them keeps its value
     * @throws InvalidSettingException when one of them is malformed; the secrets in use then stay
     */
    void replace(Map<String, ?> found) {
        Map<SecretParameter, Secret> next = new EnumMap<>(values.secrets);
        for (SecretParameter secret : SecretParameter.values()) {
            Object value = found.get(secret.property());
            if (value != null && !value.toString().isBlank()) {
                next.put(secret, Secret.of(value.toString()));
            }
        }
        values = Values.of(next);
    }

    /** One consistent set; never printed (neither it nor a {@link Secret} can show a value). */
    private static final class Values {

        private final Map<SecretParameter, Secret> secrets;
        private final byte[] stateKey;

        private Values(Map<SecretParameter, Secret> secrets, byte[] stateKey) {
            this.secrets = secrets;
            this.stateKey = stateKey;
        }

        static Values of(Map<SecretParameter, Secret> secrets) {
            Secret stateKey = secrets.get(SecretParameter.STATE_KEY);
            return new Values(Map.copyOf(secrets), stateKey == null ? null : stateKey(stateKey));
        }

        Secret required(SecretParameter secret) {
            Secret value = secrets.get(secret);
            if (value == null) {
                throw RequiredSettings.missing(secret.property());
            }
            return value;
        }

        private static byte[] stateKey(Secret encoded) {
            String property = SecretParameter.STATE_KEY.property();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded.reveal().trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(property, "is not base64: " + STATE_KEY_HINT);
            }
            if (key.length != 32) {
                throw new InvalidSettingException(property, "must be 32 bytes (base64 of 32 random bytes): " + STATE_KEY_HINT);
            }
            return key;
        }

        @Override
        public String toString() {
            return "Secrets" + secrets.keySet();
        }
    }
}
