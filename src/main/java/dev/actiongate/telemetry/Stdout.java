package dev.actiongate.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Where every line ActionGate writes goes: the log lines of {@link StdoutAppender}, and the access line and metric
 * documents, which {@link AccessLog} and {@link Metrics} write as JSON here without a Logback event. A line is written
 * at once, except while a thread is inside a Lambda invocation ({@link #hold()} to {@link #release()}): then its
 * lines are kept and written together when the invocation ends, in one write. On Lambda stdout is a pipe that
 * CloudWatch Logs reads line by line, so how the lines were written does not change the log events; each write costs
 * a system call and wakes the reader, which on a fraction of a core is most of what logging costs a request
 * (docs/PERFORMANCE.md §10). An urgent line (WARN, ERROR) is written at once, after what the thread kept, so the
 * order holds and an invocation that times out still leaves its warnings.
 */
public final class Stdout {

    /** Past this many kept bytes the lines are written without waiting for the end of the invocation. */
    static final int MAX_HELD_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Stdout.class);
    /** The one factory of every JSON line's generator ({@link JsonLogEncoder}'s too). */
    static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /** The invocation thread's buffer, kept from one invocation to the next; null when the thread is not holding. */
    private static final ThreadLocal<LineBuffer> HELD = new ThreadLocal<>();
    private static final ThreadLocal<LineBuffer> SPARE = ThreadLocal.withInitial(LineBuffer::new);
    /** One line's bytes, when the thread is not holding. */
    private static final ThreadLocal<LineBuffer> LINE = ThreadLocal.withInitial(LineBuffer::new);
    private static final Object STDOUT = new Object();

    /** One line's JSON object, written field by field; the object's start and end are written around it. */
    @FunctionalInterface
    interface JsonLine {
        void write(JsonGenerator json) throws IOException;
    }

    private Stdout() {
    }

    /** From here until {@link #release()}, this thread's lines that are not urgent wait for the release. */
    public static void hold() {
        LineBuffer buffer = SPARE.get();
        buffer.reset();
        HELD.set(buffer);
    }

    /** Writes what this thread kept since {@link #hold()}, in one write, and stops keeping. */
    public static void release() {
        LineBuffer held = HELD.get();
        HELD.remove();
        if (held != null && held.size() > 0) {
            write(held);
        }
    }

    /** One encoded line, its newline included. */
    static void line(byte[] line, boolean urgent) {
        LineBuffer held = HELD.get();
        if (held == null) {
            write(line, line.length);
            return;
        }
        held.writeBytes(line);
        if (urgent || held.size() > MAX_HELD_BYTES) {
            write(held);
        }
    }

    /** One JSON object as a line, written by Jackson straight into the invocation's buffer (no copy, no string). */
    static void json(JsonLine line) {
        LineBuffer held = HELD.get();
        LineBuffer target = held == null ? LINE.get() : held;
        encode(line, target);
        if (held == null || held.size() > MAX_HELD_BYTES) {
            write(target);
        }
    }

    /**
     * Makes the line and drops it: SnapStart's priming requests write nothing, yet the snapshot should hold the code
     * that writes their lines compiled.
     */
    static void rehearse(JsonLine line) {
        LineBuffer scratch = new LineBuffer();
        encode(line, scratch);
    }

    private static void encode(JsonLine line, LineBuffer target) {
        int start = target.size();
        try (JsonGenerator json = JSON.createGenerator(target)) {
            json.writeStartObject();
            line.write(json);
            json.writeEndObject();
        } catch (IOException | RuntimeException e) {
            // a bug in what wrote the line (a buffer in memory does not fail): drop the half-written line, say so
            target.truncate(start);
            LOG.warn("A log line was not written: {}", e.toString());
            return;
        }
        target.write('\n');
    }

    private static void write(LineBuffer buffer) {
        write(buffer.bytes(), buffer.size());
        buffer.reset();
    }

    private static void write(byte[] bytes, int length) {
        // System.out as it is now: the Lambda runtime puts its own stream there before the handler is loaded
        PrintStream out = System.out;
        synchronized (STDOUT) {
            out.write(bytes, 0, length);
            out.flush();
        }
    }

    /** A byte buffer that can drop what was written after a given size, and lends its array without a copy. */
    private static final class LineBuffer extends ByteArrayOutputStream {

        LineBuffer() {
            super(4096);
        }

        byte[] bytes() {
            return buf;
        }

        void truncate(int size) {
            count = size;
        }
    }
}
