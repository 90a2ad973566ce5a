package dev.actiongate.dynamodb;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How long a table call may take. Calls on a caller's path keep the client's budget
 * ({@code actiongate.usage.call-timeout}); writes nobody waits for (usage outcomes, profiles) may be
 * more patient, since the background writer's queue is bounded and the breaker stops them all once
 * the table is in trouble.
 */
public final class TableBudget {

    /** For a write off the caller's path: up to 5 s in all, 2 s per attempt. */
    public static final Consumer<AwsRequestOverrideConfiguration.Builder> OFF_PATH =
            config -> config.apiCallTimeout(Duration.ofSeconds(5)).apiCallAttemptTimeout(Duration.ofSeconds(2));

    private TableBudget() {
    }
}
