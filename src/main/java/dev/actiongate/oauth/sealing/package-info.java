/**
 * Values the bridge hands out instead of storing them: sealed states, codes, client ids, tickets and
 * refresh tokens (AES-256-GCM, {@link dev.actiongate.oauth.sealing.Sealer}), and the keys and ids derived
 * from {@code actiongate.state-key} ({@link dev.actiongate.oauth.sealing.StateKeyCrypto}). Used by the
 * bridge's steps and by client identification; imports {@code config} and {@code security} (its randomness).
 */
package dev.actiongate.oauth.sealing;
