package dev.actiongate.config;

import dev.actiongate.config.SecretParameter.Function;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which settings each function cannot start without, with the hint its one line gives when one is
 * missing: the one place that says so. {@code actiongate.function} names the function; {@code all}
 * (locally, in tests) needs what both need. Checked at start-up once every value given has been read,
 * so a malformed value is named before a missing one.
 */
public final class RequiredSettings {

    private record Requirement(String property, Set<Function> functions, String hint) {
    }

    private static final Set<Function> EVERY_FUNCTION = EnumSet.allOf(Function.class);
    private static final Set<Function> BRIDGE = EnumSet.of(Function.OAUTH);

    private static final List<Requirement> REQUIREMENTS = List.of(
            // Both check the provider's tokens: the API as a resource server, the bridge for its discovery and metadata.
            new Requirement(IdpSettings.ISSUER, EVERY_FUNCTION, "set it to your identity provider's issuer URL"),
            new Requirement(IdpSettings.AUDIENCE, EVERY_FUNCTION,
                    "set it to the audience (aud) your identity provider puts in ActionGate's access tokens"),
            // The API meters and audits in it; the bridge keeps its /token replay answers and callback marks there.
            new Requirement(UsageSettings.TABLE, EVERY_FUNCTION, "name the DynamoDB table (template.yaml sets it on AWS)"),
            new Requirement(GptSettings.CLIENT_ID, BRIDGE, "choose the client ID you will paste into the GPT's OAuth settings"),
            new Requirement(SecretParameter.GPT_CLIENT_SECRET.property(), BRIDGE,
                    "create a URL-safe one with `openssl rand -hex 32` and paste it into the GPT's OAuth settings"),
            new Requirement(IdpSettings.CLIENT_ID, BRIDGE,
                    "register ActionGate as a confidential web client at your identity provider and give its client ID"),
            new Requirement(SecretParameter.IDP_CLIENT_SECRET.property(), BRIDGE,
                    "give the client secret of ActionGate's client at your identity provider"),
            new Requirement(SecretParameter.STATE_KEY.property(), BRIDGE, "create one with `openssl rand -base64 32`"));
    // Not required: actiongate.github.token. Until it is set, the GitHub operations answer 503 saying so.

    private RequiredSettings() {
    }

    /** Stops start-up with the first requirement of this function that is not met. */
    static void check(FunctionRole role, SettingsReader settings) {
        for (Requirement requirement : REQUIREMENTS) {
            if (requirement.functions().stream().anyMatch(role::serves) && settings.verbatim(requirement.property()).isEmpty()) {
                throw missing(requirement.property());
            }
        }
    }

    /** Whether {@code function} cannot start without {@code property}. */
    public static boolean requires(Function function, String property) {
        return REQUIREMENTS.stream().anyMatch(requirement -> requirement.property().equals(property)
                && requirement.functions().contains(function));
    }

    /** The line start-up stops with when a required property is missing. */
    static InvalidSettingException missing(String property) {
        Requirement requirement = REQUIREMENTS.stream().filter(candidate -> candidate.property().equals(property)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(property + " is required nowhere"));
        return new InvalidSettingException(property, "is missing: " + requirement.hint());
    }
}
