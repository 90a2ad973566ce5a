package dev.actiongate.testing;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two Lambda jars in one fresh JVM, each in a class loader of its own with its own {@link HandlerProbe}, called in
 * turns of {@value #TURN} calls of the same event: the warm latency of two builds measured side by side. On a shared
 * machine whose speed moves by a third from one minute to the next, two runs one after the other compare the
 * minutes more than the builds; in turns, both see the same minutes. Prints one {@code key=value} line, as
 * {@link HandlerProbe} does: the first jar's figures, then the second's with the prefix {@code against}.
 * <p>
 * Arguments: the two jars, the number of calls each, then {@link HandlerProbe#calls}' arguments. Only this class
 * and the probe are on the class path.
 */
public final class HandlerPair {

    public static final int TURN = 100;
    /** By name: loading it here would load it from this class path, where the jars are not. */
    private static final String PROBE = "dev.actiongate.testing.HandlerProbe";

    private HandlerPair() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[2]) / TURN * TURN;
        String[] call = Arrays.copyOfRange(args, 3, args.length);
        Variant[] variants = {new Variant(Path.of(args[0]), call, count), new Variant(Path.of(args[1]), call, count)};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int turn = 0; turn < count / TURN; turn++) {
            // which goes first changes every turn, so neither always follows the other's garbage or cache misses
            for (int i = 0; i < 2; i++) {
                variants[(turn + i) % 2].turn(threads);
            }
        }
        System.out.println("status=ok " + variants[0].figures("") + " " + variants[1].figures("against"));
        System.exit(0);
    }

    private static final class Variant {

        private final ClassLoader loader;
        private final Runnable call;
        private final long[] nanos;
        private final long[] cpuNanos;
        private int done;
        private long allocated;

        Variant(Path jar, String[] call, int count) throws Exception {
            Path probe = Path.of(HandlerPair.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), probe.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                this.call = (Runnable) loader.loadClass(PROBE).getMethod("calls", String[].class)
                        .invoke(null, (Object) call);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
            nanos = new long[count];
            cpuNanos = new long[count];
        }

        void turn(com.sun.management.ThreadMXBean threads) {
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < TURN; i++, done++) {
                long started = System.nanoTime();
                long cpuStarted = threads.getCurrentThreadCpuTime();
                call.run();
                cpuNanos[done] = threads.getCurrentThreadCpuTime() - cpuStarted;
                nanos[done] = System.nanoTime() - started;
            }
            allocated += threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            Thread.currentThread().setContextClassLoader(before);
        }

        /** p50 of the second half, wall clock and CPU, and bytes allocated a call over all calls. */
        String figures(String prefix) {
            long[] wall = Arrays.copyOfRange(nanos, done / 2, done);
            long[] cpu = Arrays.copyOfRange(cpuNanos, done / 2, done);
            Arrays.sort(wall);
            Arrays.sort(cpu);
            return key(prefix, "p50Us") + "=" + String.format("%.1f", wall[wall.length / 2] / 1e3)
                    + " " + key(prefix, "cpuP50Us") + "=" + String.format("%.1f", cpu[cpu.length / 2] / 1e3)
                    + " " + key(prefix, "p99Us") + "=" + String.format("%.1f", wall[(int) (wall.length * 0.99)] / 1e3)
                    + " " + key(prefix, "kbPerCall") + "=" + String.format("%.1f", allocated / (double) done / 1024);
        }

        private static String key(String prefix, String name) {
            return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }
}
