package dev.actiongate.lambda;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On Lambda, {@code @ExecuteOn(TaskExecutors.BLOCKING)} runs on the invocation's own thread. It keeps
 * blocking calls (GitHub, the identity provider, the table) off the local server's event loop; Lambda
 * has no event loop, and an instance serves one request at a time while its thread waits for the answer,
 * so the hop to another thread only cost time: about 40 µs at p50 and 0.9 ms at p99 of a warm MCP
 * {@code tools/call} (bench/handler.sh, BENCH_ONLY=faces).
 */
@Factory
@Requires(env = Environment.FUNCTION)
final class BlockingOnTheInvocationThread {

    @Singleton
    @Named(TaskExecutors.BLOCKING)
    @Replaces(bean = ExecutorService.class, named = TaskExecutors.BLOCKING)
    ExecutorService blocking() {
        return new SameThread();
    }

    /** An executor that runs each task at once on the thread that hands it over. */
    static final class SameThread extends AbstractExecutorService {

        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}
