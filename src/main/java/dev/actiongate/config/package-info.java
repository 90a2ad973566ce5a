/**
 * Settings: the configuration contract as immutable values read and checked once at start-up
 * ({@link dev.actiongate.config.SettingsFactory}, {@link dev.actiongate.config.RequiredSettings} for what each
 * function needs), the secrets in one holder a SnapStart restore refreshes ({@link dev.actiongate.config.Secrets}),
 * the one clock and the policy for outbound HTTP. Imports nothing of ActionGate.
 */
package dev.actiongate.config;
