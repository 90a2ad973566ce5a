package dev.actiongate.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock everything reads: expiries of tokens and sealed values, replay windows, the day a call
 * counts for, GitHub's reset times. Tests replace it ({@code actiongate.test.clock=mutable}) to move time.
 */
@Factory
final class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
