package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.config.Secrets;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.dynamodb.TableKeys;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Makes {@code /oauth/callback} single-use: one sealed state mints one code. The first callback for a
 * state claims it with a conditional write of {@code callback#<HMAC of the state>}, kept (TTL) until the
 * state has expired; a replay of the same callback URL finds the claim. This instance's memory holds
 * the claim too, and alone when the table cannot be reached. The HMAC covers the state's decoded bytes,
 * so another spelling of the same sealed value finds the same claim.
 */
@Singleton
final class CallbackClaims {

    static final String PARTITION_PREFIX = "callback#";
    private static final String SORT_KEY_VALUE = "used";
    private static final byte[] ID_KEY_LABEL = "actiongate/callback-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(CallbackClaims.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Secrets secrets;
    private final Duration signInTimeout;
    private final Clock clock = Clock.systemUTC();
    private final ClaimMemory memory = new ClaimMemory();

    CallbackClaims(DynamoDbClient dynamoDb, UsageSettings usage, Secrets secrets, OAuthSettings oauth) {
        this.dynamoDb = dynamoDb;
        this.table = usage.requiredTable();
        this.secrets = secrets;
        this.signInTimeout = oauth.signInTimeout();
    }

    /**
     * @param sealedState a state that unsealed (so it decodes) and has not expired
     * @return true the first time, false for every repeat while the state could still unseal
     */
    boolean firstUse(String sealedState) {
        Instant now = clock.instant();
        // The state was sealed at most sign-in-timeout ago, so its expiry is before this.
        Instant forgetAt = now.plus(signInTimeout);
        Map<String, AttributeValue> key = key(sealedState);
        if (!memory.claimOnce(key.get(TableKeys.PARTITION_KEY).s(), now, forgetAt)) {
            return false;
        }
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(TableKeys.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(forgetAt.getEpochSecond() + 60)));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY)));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        } catch (SdkException e) {
            LOG.debug("Callback claim held in this instance's memory only ({})", e.getClass().getSimpleName());
            return true;
        }
    }

    private Map<String, AttributeValue> key(String sealedState) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(Sealer.derive(secrets.requiredStateKey(), ID_KEY_LABEL));
            String id = HexFormat.of().formatHex(mac.doFinal(Sealer.bytes(sealedState)));
            return Map.of(TableKeys.PARTITION_KEY, AttributeValue.fromS(PARTITION_PREFIX + id),
                    TableKeys.SORT_KEY, AttributeValue.fromS(SORT_KEY_VALUE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } catch (SealException e) {
            throw new IllegalArgumentException("only a state that unsealed can be claimed", e);
        }
    }
}
