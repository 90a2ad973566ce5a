package dev.actiongate.dynamodb;

import dev.actiongate.config.UsageSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The circuit breaker of the one DynamoDB client, so metering, the audit trail, getUsage and the
 * bridge's replay and callback claims all see the same state. After {@code breaker-failures} calls in a
 * row fail (no answer, a 5xx, throttling), the table is skipped for {@code breaker-cool-down}: every
 * call fails at once with an {@link SdkClientException}, which each caller already handles (metering
 * fails open or closed, the bridge falls back to this instance's memory), and no connection is
 * opened. Then one call goes through as a probe; its success closes the breaker, its failure starts
 * another cool-down. Each opening is logged once at WARN and each closing once at INFO, and counted.
 * <p>
 * It sits in the SDK as an interceptor: before each call (no request is even built when the breaker is
 * open) and before each attempt (a retry of a call that began before the breaker opened does not
 * connect either).
 */
@Singleton
public final class TableBreaker implements ExecutionInterceptor {

    private enum Mode { CLOSED, OPEN, PROBING }

    /** @param since System.nanoTime() when the breaker opened or the probe started */
    private record State(Mode mode, int failuresInRow, long since) {
        static final State CLOSED = new State(Mode.CLOSED, 0, 0);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TableBreaker.class);
    private static final String SKIP_MESSAGE = "DynamoDB skipped: the circuit breaker is open";
    private static final ExecutionAttribute<Boolean> PROBE = new ExecutionAttribute<>("ActionGateTableProbe");
    private static final ExecutionAttribute<Boolean> SKIPPED = new ExecutionAttribute<>("ActionGateTableSkipped");
    /** Set while the client's code is run before a SnapStart snapshot: each call stops just before it would connect. */
    private static final ThreadLocal<Boolean> PRIMING = ThreadLocal.withInitial(() -> false);

    private final int threshold;
    private final Duration coolDown;
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong primed = new AtomicLong();

    TableBreaker(UsageSettings settings) {
        this.threshold = settings.breakerFailures();
        this.coolDown = settings.breakerCoolDown();
    }

    /** Whether calls are being skipped (open, or one probe in flight). */
    public boolean isOpen() {
        return state.get().mode() != Mode.CLOSED;
    }

    /** How many times the breaker has opened since start. */
    public long timesOpened() {
        return opened.get();
    }

    /** How many times it has closed again after a successful probe. */
    public long timesClosed() {
        return closed.get();
    }

    /** Calls run before a snapshot and stopped before they connected. */
    public long callsPrimed() {
        return primed.get();
    }

    /** Calls answered at once, without the table, while it was open. */
    public long callsSkipped() {
        return skipped.get();
    }

    /**
     * Runs table calls whose requests are built, signed and then dropped, for the SDK's code to be loaded
     * and compiled before a SnapStart snapshot: no connection is opened, and the breaker neither counts nor
     * logs them.
     */
    static void priming(Runnable calls) {
        PRIMING.set(true);
        try {
            calls.run();
        } finally {
            PRIMING.remove();
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (PRIMING.get()) {
            return;
        }
        State current = state.get();
        if (current.mode() == Mode.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        // A probe that never reported (its thread died) must not keep the breaker open for good.
        if (now - current.since() >= coolDown.toNanos() && state.compareAndSet(current, new State(Mode.PROBING, current.failuresInRow(), now))) {
            attributes.putAttribute(PROBE, true);
            return;
        }
        // Thrown here, before the SDK's pipeline: no request is built and onExecutionFailure is not called.
        throw skip();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (PRIMING.get()) {
            primed.incrementAndGet();
            attributes.putAttribute(SKIPPED, true);
            throw SdkClientException.builder().message("DynamoDB call primed, not sent").writableStackTrace(false).build();
        }
        if (isOpen() && !isProbe(attributes)) {
            attributes.putAttribute(SKIPPED, true);
            throw skip();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (PRIMING.get()) {
            return;
        }
        succeeded(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(SKIPPED))) {
            return;
        }
        if (troubled(context.exception())) {
            failed(attributes, context.exception());
        } else {
            succeeded(attributes); // the table answered, e.g. a condition that did not hold
        }
    }

    private void succeeded(ExecutionAttributes attributes) {
        while (true) {
            State current = state.get();
            if (current.mode() == Mode.CLOSED) {
                if (current.failuresInRow() == 0 || state.compareAndSet(current, State.CLOSED)) {
                    return;
                }
                continue;
            }
            if (!isProbe(attributes)) {
                return; // a call that began before the breaker opened says nothing about the table now
            }
            if (state.compareAndSet(current, State.CLOSED)) {
                closed.incrementAndGet();
                LOG.info("DynamoDB answers again: the table is used again ({} calls answered without it since start)", skipped.get());
                return;
            }
        }
    }

    private void failed(ExecutionAttributes attributes, Throwable cause) {
        while (true) {
            State current = state.get();
            long now = System.nanoTime();
            if (current.mode() == Mode.CLOSED) {
                int inRow = current.failuresInRow() + 1;
                State next = inRow >= threshold ? new State(Mode.OPEN, inRow, now) : new State(Mode.CLOSED, inRow, 0);
                if (state.compareAndSet(current, next)) {
                    if (next.mode() == Mode.OPEN) {
                        opened.incrementAndGet();
                        LOG.warn("DynamoDB failed {} calls in a row (last: {}); skipping the table for {} before trying it again",
                                inRow, cause.getClass().getSimpleName(), readable(coolDown));
                    }
                    return;
                }
                continue;
            }
            if (!isProbe(attributes)) {
                return;
            }
            if (state.compareAndSet(current, new State(Mode.OPEN, current.failuresInRow() + 1, now))) {
                LOG.debug("DynamoDB probe failed ({}); skipping the table for another {}", cause.getClass().getSimpleName(), readable(coolDown));
                return;
            }
        }
    }

    /** Whether the call failed because the breaker skipped it, not at the table. */
    static boolean skipped(Throwable failure) {
        return failure instanceof SdkClientException e && SKIP_MESSAGE.equals(e.getMessage());
    }

    private SdkClientException skip() {
        skipped.incrementAndGet();
        // Not retryable (no I/O cause), so the SDK gives up at once; no stack trace to fill for every skipped call.
        return SdkClientException.builder().message(SKIP_MESSAGE).writableStackTrace(false).build();
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static boolean isProbe(ExecutionAttributes attributes) {
        return Boolean.TRUE.equals(attributes.getAttribute(PROBE));
    }

    /** No answer, or an answer that says the table is in trouble; a refused condition or a bad request is an answer. */
    private static boolean troubled(Throwable failure) {
        if (failure instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        return true;
    }
}
