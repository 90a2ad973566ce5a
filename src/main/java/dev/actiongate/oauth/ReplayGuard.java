package dev.actiongate.oauth;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.config.StateKeySettings;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.security.Randomness;
import dev.actiongate.storage.TableKeys;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Makes a repeated {@code /token} exchange harmless. The first request for a code or refresh token
 * claims it in DynamoDB with a conditional write and redeems it upstream; a repeat within the window,
 * by the same client for the same redirect_uri, gets the first answer again (waiting for it if the
 * first is still in flight); anything else is {@code invalid_grant}.
 * <p>
 * The item's key is an HMAC of the grant and its answer is AES-GCM-encrypted under a key derived from
 * the grant itself, so the table alone yields no usable token.
 */
@Singleton
final class ReplayGuard {

    /** What a grant does once its window is over. */
    enum AfterWindow {
        /** A code is single-use: a later attempt is {@code invalid_grant}. */
        REFUSE,
        /** A refresh token may be used again later (providers that do not rotate them). */
        REDEEM_AGAIN
    }

    /** Redeems the grant upstream; called at most once per window. */
    @FunctionalInterface
    interface Redemption {
        TokenAnswer redeem() throws UpstreamUnavailableException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    private static final String SORT_KEY_VALUE = "token-answer";
    private static final String STATE = "state";
    private static final String WINDOW_END = "windowEnd";
    private static final String ANSWER = "answer";
    private static final String PENDING = "pending";
    private static final String DONE = "done";
    private static final byte[] ID_KEY_LABEL = "actiongate/replay-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE_ID_KEY_LABEL = "actiongate/replay-code-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER_KEY_LABEL = "actiongate/replay-answer/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Duration POLL = Duration.ofMillis(50);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final StateKeySettings stateKey;
    private final Duration window;
    private final Duration waitLimit;
    private final ObjectMapper json;
    private final Clock clock;

    ReplayGuard(DynamoDbClient dynamoDb, UsageSettings usage, StateKeySettings stateKey, OAuthSettings oauth,
                IdpSettings idp, ObjectMapper json) {
        this.dynamoDb = dynamoDb;
        this.table = usage.requiredTable();
        this.stateKey = stateKey;
        stateKey.requiredStateKey();
        this.window = oauth.replayWindow();
        this.waitLimit = idp.httpTimeout().plusSeconds(2);
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param grant    the code or refresh token
     * @param binding  what must be identical for a repeat to get the first answer (client, redirect_uri)
     * @param keepUntil how long the claim must outlive the window (a code's own expiry)
     */
    TokenAnswer exchange(Grant grant, String binding, AfterWindow afterWindow, Instant keepUntil, Redemption redemption)
            throws OAuthProblem, UpstreamUnavailableException {
        Map<String, AttributeValue> key = key(grant);
        Instant deadline = clock.instant().plus(waitLimit);
        while (true) {
            Instant now = clock.instant();
            Instant windowEnd = now.plus(window);
            try {
                claim(key, now, windowEnd, keepUntil, afterWindow);
            } catch (ConditionalCheckFailedException taken) {
                Map<String, AttributeValue> item;
                try {
                    item = read(key);
                } catch (SdkException e) {
                    LOG.warn("Token replay protection unavailable ({}); redeeming without it", e.getClass().getSimpleName());
                    return redemption.redeem();
                }
                if (item.isEmpty()) {
                    continue; // the first attempt failed upstream and let go of its claim
                }
                if (Instant.ofEpochMilli(Long.parseLong(item.get(WINDOW_END).n())).isBefore(clock.instant())) {
                    throw OAuthProblem.invalidGrant("This code or refresh token has already been used; start the sign-in again.");
                }
                if (DONE.equals(item.get(STATE).s())) {
                    return decrypt(grant.value(), binding, item.get(ANSWER).b().asByteArray());
                }
                if (clock.instant().isAfter(deadline)) {
                    throw new UpstreamUnavailableException(HttpStatus.GATEWAY_TIMEOUT,
                            "The first exchange of this code has not finished; try again.");
                }
                pause();
                continue;
            } catch (SdkException e) {
                LOG.warn("Token replay protection unavailable ({}); redeeming without it", e.getClass().getSimpleName());
                return redemption.redeem();
            }
            TokenAnswer answer;
            try {
                answer = redemption.redeem();
            } catch (UpstreamUnavailableException | RuntimeException e) {
                release(key);
                throw e;
            }
            remember(key, windowEnd, keepUntil, encrypt(grant.value(), binding, answer));
            return answer;
        }
    }

    private void claim(Map<String, AttributeValue> key, Instant now, Instant windowEnd, Instant keepUntil, AfterWindow afterWindow) {
        String condition = afterWindow == AfterWindow.REFUSE ? "attribute_not_exists(#pk)"
                : "attribute_not_exists(#pk) OR #windowEnd < :now";
        Map<String, AttributeValue> values = afterWindow == AfterWindow.REFUSE ? null
                : Map.of(":now", number(now.toEpochMilli()));
        dynamoDb.putItem(put -> put.tableName(table)
                .item(item(key, PENDING, windowEnd, keepUntil, null))
                .conditionExpression(condition)
                .expressionAttributeNames(afterWindow == AfterWindow.REFUSE ? Map.of("#pk", TableKeys.PARTITION_KEY)
                        : Map.of("#pk", TableKeys.PARTITION_KEY, "#windowEnd", WINDOW_END))
                .expressionAttributeValues(values));
    }

    private void remember(Map<String, AttributeValue> key, Instant windowEnd, Instant keepUntil, byte[] answer) {
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item(key, DONE, windowEnd, keepUntil, answer)));
        } catch (SdkException e) {
            LOG.warn("Token answer not remembered for repeats ({})", e.getClass().getSimpleName());
        }
    }

    private void release(Map<String, AttributeValue> key) {
        try {
            dynamoDb.deleteItem(delete -> delete.tableName(table).key(key));
        } catch (SdkException e) {
            LOG.warn("Token exchange claim not released ({})", e.getClass().getSimpleName());
        }
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        return dynamoDb.getItem(get -> get.tableName(table).key(key).consistentRead(true)).item();
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key, String state, Instant windowEnd,
                                             Instant keepUntil, byte[] answer) {
        Instant expiry = keepUntil.isAfter(windowEnd) ? keepUntil : windowEnd;
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(STATE, AttributeValue.fromS(state));
        item.put(WINDOW_END, number(windowEnd.toEpochMilli()));
        item.put(TableKeys.TIME_TO_LIVE, number(expiry.getEpochSecond() + 60));
        if (answer != null) {
            item.put(ANSWER, AttributeValue.fromB(SdkBytes.fromByteArray(answer)));
        }
        return item;
    }

    /** An HMAC of what identifies the grant (a code's bytes, a refresh token's text), one key per kind. */
    private Map<String, AttributeValue> key(Grant grant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(Sealer.derive(stateKey.requiredStateKey(), grant.kind() == Grant.Kind.CODE ? CODE_ID_KEY_LABEL : ID_KEY_LABEL));
            String id = HexFormat.of().formatHex(mac.doFinal(grant.identity()));
            return Map.of(TableKeys.PARTITION_KEY, AttributeValue.fromS("replay#" + id),
                    TableKeys.SORT_KEY, AttributeValue.fromS(SORT_KEY_VALUE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] encrypt(String grant, String binding, TokenAnswer answer) {
        try {
            byte[] nonce = Randomness.bytes(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, answerKey(grant), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(answer));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Token answer could not be encrypted", e);
        }
    }

    private TokenAnswer decrypt(String grant, String binding, byte[] stored) throws OAuthProblem {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, answerKey(grant), new GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            return json.readValue(cipher.doFinal(stored, 12, stored.length - 12), TokenAnswer.class);
        } catch (GeneralSecurityException | IOException e) {
            // Another client or another redirect_uri presented the same grant.
            throw OAuthProblem.invalidGrant("This grant was already used by another client; start the sign-in again.");
        }
    }

    /** HKDF of the grant itself (salted with the state key): whoever holds only the table cannot decrypt. */
    private SecretKey answerKey(String grant) throws GeneralSecurityException {
        return KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                .addIKM(grant.getBytes(StandardCharsets.UTF_8)).addSalt(stateKey.requiredStateKey()).thenExpand(ANSWER_KEY_LABEL, 32));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void pause() throws UpstreamUnavailableException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(HttpStatus.SERVICE_UNAVAILABLE, "The request was interrupted.");
        }
    }
}
