package dev.actiongate.oauth;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.config.Secrets;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.security.Randomness;
import dev.actiongate.dynamodb.TableKeys;
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
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Makes a repeated {@code /token} exchange harmless. The first request for a code or refresh token
 * claims it, in this instance's memory and in DynamoDB with a conditional write, and redeems it
 * upstream; a repeat within the window, by the same client for the same redirect_uri, gets the first
 * answer again (waiting for it if the first is still in flight); anything else is {@code invalid_grant}.
 * <p>
 * When the table cannot be reached (or the {@link dev.actiongate.dynamodb.TableBreaker} skips it), the
 * memory's claim is the claim: this instance still redeems each grant once and answers its repeats
 * from memory, for the same window. A grant this instance saw claimed in the table by another is never
 * redeemed here, even if the table then stops answering.
 * <p>
 * The item's key is an HMAC of the grant and its answer is AES-GCM-encrypted under a key derived from
 * the grant itself, so the table alone yields no usable token; the memory keeps the same ciphertext.
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

    /** What the table said about a claim: this instance may redeem (claimed there, or the table is out of reach), or another answered. */
    private record TablePart(boolean claimed, byte[] answeredElsewhere) {
        static final TablePart CLAIMED = new TablePart(true, null);
        static final TablePart UNAVAILABLE = new TablePart(false, null);
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
    private final Secrets secrets;
    private final Duration window;
    private final Duration waitLimit;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClaimMemory memory = new ClaimMemory();

    ReplayGuard(DynamoDbClient dynamoDb, UsageSettings usage, Secrets secrets, OAuthSettings oauth,
                IdpSettings idp, ObjectMapper json) {
        this.dynamoDb = dynamoDb;
        this.table = usage.requiredTable();
        this.secrets = secrets;
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
        String id = key.get(TableKeys.PARTITION_KEY).s();
        Instant deadline = clock.instant().plus(waitLimit);
        while (true) {
            Instant now = clock.instant();
            Instant windowEnd = now.plus(window);
            switch (memory.claim(id, now, windowEnd, later(windowEnd, keepUntil), afterWindow == AfterWindow.REDEEM_AGAIN)) {
                case ClaimMemory.Taken(ClaimMemory.Claim first) -> {
                    if (first.windowEnd().isBefore(now)) {
                        throw alreadyUsed();
                    }
                    Optional<byte[]> answer = await(first, deadline);
                    if (answer.isPresent()) {
                        return decrypt(grant, binding, answer.get());
                    }
                    // the first attempt failed upstream and let go of its claim: claim it again
                }
                case ClaimMemory.Mine(ClaimMemory.Claim mine) -> {
                    return redeemOnce(grant, binding, afterWindow, keepUntil, redemption, key, id, mine, windowEnd, deadline);
                }
            }
        }
    }

    private TokenAnswer redeemOnce(Grant grant, String binding, AfterWindow afterWindow, Instant keepUntil, Redemption redemption,
                                   Map<String, AttributeValue> key, String id, ClaimMemory.Claim mine, Instant windowEnd,
                                   Instant deadline) throws OAuthProblem, UpstreamUnavailableException {
        boolean answered = false;
        try {
            TablePart table = claimInTable(key, windowEnd, keepUntil, afterWindow, deadline);
            if (table.answeredElsewhere() != null) {
                memory.answer(mine, table.answeredElsewhere());
                answered = true;
                return decrypt(grant, binding, table.answeredElsewhere());
            }
            TokenAnswer answer;
            try {
                answer = redemption.redeem();
            } catch (UpstreamUnavailableException | RuntimeException e) {
                if (table.claimed()) {
                    release(key);
                }
                throw e;
            }
            byte[] sealed = encrypt(grant, binding, answer);
            memory.answer(mine, sealed);
            answered = true;
            if (table.claimed()) {
                remember(key, windowEnd, keepUntil, sealed);
            }
            return answer;
        } finally {
            if (!answered) {
                memory.letGo(id, mine);
            }
        }
    }

    /**
     * Claims the grant in the table, or waits there for the instance that holds it. Out of reach: this
     * instance's memory holds the claim alone, unless the table had already named another holder.
     */
    private TablePart claimInTable(Map<String, AttributeValue> key, Instant windowEnd, Instant keepUntil, AfterWindow afterWindow,
                                   Instant deadline) throws OAuthProblem, UpstreamUnavailableException {
        boolean heldElsewhere = false;
        while (true) {
            Instant now = clock.instant();
            try {
                claim(key, now, windowEnd, keepUntil, afterWindow);
                return TablePart.CLAIMED;
            } catch (ConditionalCheckFailedException taken) {
                heldElsewhere = true;
                Map<String, AttributeValue> item = readOrNull(key);
                if (item != null && item.isEmpty()) {
                    continue; // the other attempt failed upstream and let go of its claim
                }
                if (item != null && Instant.ofEpochMilli(Long.parseLong(item.get(WINDOW_END).n())).isBefore(clock.instant())) {
                    throw alreadyUsed();
                }
                if (item != null && DONE.equals(item.get(STATE).s())) {
                    return new TablePart(false, item.get(ANSWER).b().asByteArray());
                }
            } catch (SdkException e) {
                if (!heldElsewhere) {
                    LOG.debug("Token replay claim held in this instance's memory only ({})", e.getClass().getSimpleName());
                    return TablePart.UNAVAILABLE;
                }
            }
            // Another instance holds it: redeeming here too would send the code upstream twice.
            if (clock.instant().isAfter(deadline)) {
                throw new UpstreamUnavailableException(HttpStatus.GATEWAY_TIMEOUT, "The first exchange of this code has not finished; try again.");
            }
            pause();
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
            LOG.debug("Token answer remembered for repeats in this instance's memory only ({})", e.getClass().getSimpleName());
        }
    }

    private void release(Map<String, AttributeValue> key) {
        try {
            dynamoDb.deleteItem(delete -> delete.tableName(table).key(key));
        } catch (SdkException e) {
            LOG.debug("Token exchange claim not released in the table ({})", e.getClass().getSimpleName());
        }
    }

    /** The item, empty when there is none, null when the table cannot say. */
    private Map<String, AttributeValue> readOrNull(Map<String, AttributeValue> key) {
        try {
            return dynamoDb.getItem(get -> get.tableName(table).key(key).consistentRead(true)).item();
        } catch (SdkException e) {
            return null;
        }
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key, String state, Instant windowEnd,
                                             Instant keepUntil, byte[] answer) {
        Instant expiry = later(windowEnd, keepUntil);
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
            mac.init(Sealer.derive(secrets.requiredStateKey(), grant.kind() == Grant.Kind.CODE ? CODE_ID_KEY_LABEL : ID_KEY_LABEL));
            String id = HexFormat.of().formatHex(mac.doFinal(grant.identity()));
            return Map.of(TableKeys.PARTITION_KEY, AttributeValue.fromS("replay#" + id),
                    TableKeys.SORT_KEY, AttributeValue.fromS(SORT_KEY_VALUE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] encrypt(Grant grant, String binding, TokenAnswer answer) {
        try {
            byte[] nonce = Randomness.bytes(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, answerKey(grant.value()), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(answer));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Token answer could not be encrypted", e);
        }
    }

    private TokenAnswer decrypt(Grant grant, String binding, byte[] stored) throws OAuthProblem {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, answerKey(grant.value()), new GCMParameterSpec(128, stored, 0, 12));
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
                .addIKM(grant.getBytes(StandardCharsets.UTF_8)).addSalt(secrets.requiredStateKey()).thenExpand(ANSWER_KEY_LABEL, 32));
    }

    private static OAuthProblem alreadyUsed() {
        return OAuthProblem.invalidGrant("This code or refresh token has already been used; start the sign-in again.");
    }

    private Optional<byte[]> await(ClaimMemory.Claim first, Instant deadline) throws UpstreamUnavailableException {
        try {
            return first.await(Duration.between(clock.instant(), deadline));
        } catch (TimeoutException e) {
            throw new UpstreamUnavailableException(HttpStatus.GATEWAY_TIMEOUT, "The first exchange of this code has not finished; try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(HttpStatus.SERVICE_UNAVAILABLE, "The request was interrupted.");
        }
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
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
