package dev.actiongate.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** What one class logs while a test runs, at INFO and above, as level and message. */
public final class CapturedLogs implements AutoCloseable {

    /** One log line. */
    public record Line(Level level, String message) {
    }

    private final Logger logger;
    private final List<Line> lines = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
                synchronized (lines) {
                    lines.add(new Line(event.getLevel(), event.getFormattedMessage()));
                }
            }
        }
    };

    private CapturedLogs(Class<?> source) {
        logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(source.getName());
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLogs of(Class<?> source) {
        return new CapturedLogs(source);
    }

    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The levels logged so far, in order. */
    public List<Level> levels() {
        return lines().stream().map(Line::level).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
