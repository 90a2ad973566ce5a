package dev.actiongate.config;

import java.util.Optional;

/** Finds the setting problem behind a failed start, however deeply the framework wrapped it. */
public final class StartupFailure {

    private StartupFailure() {
    }

    public static Optional<InvalidSettingException> invalidSetting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException setting) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }
}
