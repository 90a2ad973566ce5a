package dev.actiongate.dynamodb;

import dev.actiongate.config.SnapshotPriming;
import dev.actiongate.store.ClaimStore;
import dev.actiongate.store.RefreshFamilyStore;
import dev.actiongate.store.ReplayStore;
import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.store.Tally;
import dev.actiongate.store.UsageStore;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Before a SnapStart snapshot: builds the DynamoDB client, and runs each kind of call the function makes
 * on a caller's path through the real adapters, each stopped by the {@link TableBreaker} just before it
 * would connect. A restored copy's first call then runs code that is loaded and compiled, which keeps it
 * inside the caller's 300 ms budget instead of failing open on a cold SDK.
 */
@Singleton
final class DynamoDbPriming implements SnapshotPriming {

    private static final int ROUNDS = 20;
    private static final String SUBJECT = "priming";

    private final BeanProvider<UsageStore> usage;
    private final BeanProvider<ReplayStore> replays;
    private final BeanProvider<ClaimStore> claims;
    private final BeanProvider<RefreshFamilyStore> families;
    private final Clock clock;

    DynamoDbPriming(BeanProvider<UsageStore> usage, BeanProvider<ReplayStore> replays, BeanProvider<ClaimStore> claims,
                    BeanProvider<RefreshFamilyStore> families, Clock clock) {
        this.usage = usage;
        this.replays = replays;
        this.claims = claims;
        this.families = families;
        this.clock = clock;
    }

    @Override
    public void prime() {
        Instant now = clock.instant();
        LocalDate day = LocalDate.of(2000, 1, 1);
        TableBreaker.priming(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                usage.ifPresent(store -> {
                    attempt(() -> store.count(SUBJECT, day, "getMe", "gpt", 1000, now));
                    attempt(() -> store.calls(SUBJECT, day));
                    attempt(() -> store.add(SUBJECT, day, Map.of(Tally.OK, 1L)));
                });
                replays.ifPresent(store -> {
                    attempt(() -> store.claim(SUBJECT, now, now, now, true));
                    attempt(() -> store.read(SUBJECT));
                });
                claims.ifPresent(store -> attempt(() -> store.claimOnce(SUBJECT, now)));
                families.ifPresent(store -> {
                    attempt(() -> store.read(SUBJECT));
                    attempt(() -> store.advance(SUBJECT, SUBJECT, SUBJECT, now));
                });
            }
        });
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (StoreUnavailableException expected) {
            // stopped before the connection, as intended
        }
    }
}
