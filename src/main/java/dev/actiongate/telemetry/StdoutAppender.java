package dev.actiongate.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Writes each encoded line to stdout, as Logback's console appender does, except while a thread is inside a Lambda
 * invocation ({@link #hold()} to {@link #release()}): then its INFO and DEBUG lines (the access line, the OAuth step
 * lines, the metric documents) are kept and written together when the invocation ends, in one write instead of one
 * per line. On Lambda stdout is a pipe that CloudWatch Logs reads line by line, so how the lines were written does not
 * change the log events; each write costs a system call and wakes the reader, which on a fraction of a core is most of
 * what logging costs a request (docs/PERFORMANCE.md §10). A WARN or ERROR line is written at once, after what the
 * thread kept, so the order holds and an invocation that times out still leaves its warnings.
 */
public final class StdoutAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Past this many kept bytes the lines are written without waiting for the end of the invocation. */
    static final int MAX_HELD_BYTES = 64 * 1024;
    /** The invocation thread's buffer, kept from one invocation to the next; null when the thread is not holding. */
    private static final ThreadLocal<ByteArrayOutputStream> HELD = new ThreadLocal<>();
    private static final ThreadLocal<ByteArrayOutputStream> SPARE = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));
    private static final Object STDOUT = new Object();

    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    /** From here until {@link #release()}, this thread's INFO and DEBUG lines wait for the release. */
    public static void hold() {
        ByteArrayOutputStream buffer = SPARE.get();
        buffer.reset();
        HELD.set(buffer);
    }

    /** Writes what this thread kept since {@link #hold()}, in one write, and stops keeping. */
    public static void release() {
        ByteArrayOutputStream held = HELD.get();
        HELD.remove();
        if (held != null && held.size() > 0) {
            write(held);
            held.reset();
        }
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder for the appender named " + name);
            return;
        }
        encoder.start();
        super.start();
    }

    @Override
    public void stop() {
        if (encoder != null) {
            encoder.stop();
        }
        super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        ByteArrayOutputStream held = HELD.get();
        if (held == null) {
            write(line);
            return;
        }
        held.writeBytes(line);
        if (event.getLevel().isGreaterOrEqual(Level.WARN) || held.size() > MAX_HELD_BYTES) {
            write(held);
            held.reset();
        }
    }

    private static void write(ByteArrayOutputStream held) {
        PrintStream out = System.out;
        synchronized (STDOUT) {
            try {
                held.writeTo(out);
            } catch (IOException e) {
                // not thrown: a PrintStream keeps its errors for checkError()
            }
            out.flush();
        }
    }

    private static void write(byte[] bytes) {
        // System.out as it is now: the Lambda runtime puts its own stream there before the handler is loaded
        PrintStream out = System.out;
        synchronized (STDOUT) {
            out.write(bytes, 0, bytes.length);
            out.flush();
        }
    }
}
