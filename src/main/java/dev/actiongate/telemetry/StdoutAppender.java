package dev.actiongate.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Logback's way to {@link Stdout}: each event encoded by the appender's encoder (logback.xml: {@link JsonLogEncoder}),
 * WARN and ERROR lines written at once, the others kept to the end of a Lambda invocation.
 */
public final class StdoutAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
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
        Stdout.line(encoder.encode(event), event.getLevel().isGreaterOrEqual(Level.WARN));
    }
}
