package dev.actiongate.config;

import java.util.Optional;

/**
 * {@code actiongate.function}: which of the two Lambda functions this process is ({@code oauth} or
 * {@code api}, set by template.yaml), or {@code all} for the local server and tests. It decides which
 * settings are required at start-up ({@link RequiredSettings}) and which SSM folder is read.
 */
public final class FunctionRole {

    public static final String PROPERTY = "actiongate.function";
    private static final String ALL = "all";

    /** Empty: all. */
    private final Optional<SecretParameter.Function> function;

    private FunctionRole(Optional<SecretParameter.Function> function) {
        this.function = function;
    }

    /**
     * The name must be spelled exactly as the beans' requirements compare it ({@code notEquals = "api"}):
     * {@code API} would switch the bridge on while the settings were checked for the API alone.
     */
    public static FunctionRole read(SettingsReader settings) {
        Optional<String> name = settings.verbatim(PROPERTY);
        if (name.isEmpty() || name.get().equals(ALL)) {
            return new FunctionRole(Optional.empty());
        }
        for (SecretParameter.Function known : SecretParameter.Function.values()) {
            if (known.folder().equals(name.get())) {
                return new FunctionRole(Optional.of(known));
            }
        }
        throw new InvalidSettingException(PROPERTY, "is " + name.get() + ": use oauth, api or all");
    }

    public boolean serves(SecretParameter.Function candidate) {
        return function.map(candidate::equals).orElse(true);
    }
}
