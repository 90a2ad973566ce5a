package dev.actiongate.devops;

import dev.actiongate.api.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Downloads a job log from the short-lived URL GitHub redirects to. The URL is pre-signed, so no
 * ActionGate credential goes with it. Only the last {@link #MAX_BYTES} are kept of a bigger log.
 */
@Singleton
class LogDownload {

    static final int MAX_BYTES = 32 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LogDownload.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    String fetch(URI location) {
        if (!"https".equals(location.getScheme()) && !"http".equals(location.getScheme())) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "github_unavailable", "GitHub gave no usable address for the log.");
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(location).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    LOG.warn("The log download answered {}", response.statusCode());
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "github_unavailable",
                            "GitHub's log storage answered HTTP " + response.statusCode() + "; try again in a moment.");
                }
                return new String(lastBytes(body), StandardCharsets.UTF_8);
            }
        } catch (HttpTimeoutException e) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "github_timeout", "The log took too long to download; try again in a moment.");
        } catch (IOException e) {
            LOG.warn("The log download failed: {}", e.getClass().getSimpleName());
            throw new ApiException(HttpStatus.BAD_GATEWAY, "github_unavailable", "The log could not be downloaded; try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted", "The log download was interrupted.");
        }
    }

    private static byte[] lastBytes(InputStream in) throws IOException {
        Deque<byte[]> chunks = new ArrayDeque<>();
        long kept = 0;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            chunks.addLast(java.util.Arrays.copyOf(buffer, read));
            kept += read;
            while (kept - chunks.peekFirst().length >= MAX_BYTES) {
                kept -= chunks.removeFirst().length;
            }
        }
        byte[] all = new byte[(int) kept];
        int offset = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, offset, chunk.length);
            offset += chunk.length;
        }
        return all;
    }
}
