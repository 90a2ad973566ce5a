package dev.actiongate.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;

/** How long a request's body says it is, known before anything reads it. */
public final class BodyLength {

    private BodyLength() {
    }

    /** The larger of Content-Length and the body's own known length (a Lambda event's body); -1 if unknown. */
    public static long declared(HttpRequest<?> request) {
        long known = request instanceof ServerHttpRequest<?> server ? server.byteBody().expectedLength().orElse(-1) : -1;
        return Math.max(request.getContentLength(), known);
    }

    /** 16384 as "16 KB", 1048576 as "1 MB". */
    public static String readable(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
