package dev.actiongate.devops.github;

import dev.actiongate.config.GithubSettings;
import dev.actiongate.config.OutboundHttp;
import dev.actiongate.devops.CiProvider;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Downloads a job log from the short-lived URL GitHub redirects to. The URL is pre-signed, so no
 * ActionGate credential goes with it; it must be HTTPS. Only the end of the log is kept, at most
 * {@code actiongate.github.log-max-bytes}, while it streams in, and the whole download (connecting,
 * the answer, every byte of the body) has one deadline, so a server that trickles cannot hold the call.
 */
@Singleton
class LogDownload {

    private static final Logger LOG = LoggerFactory.getLogger(LogDownload.class);

    private final HttpClient http;
    private final URI githubApi;
    private final int maxBytes;
    private final Duration deadline;
    private final Metrics metrics;

    LogDownload(GithubSettings settings, OutboundHttp outbound, Metrics metrics) {
        this.metrics = metrics;
        this.http = outbound.redirectingClient(OutboundHttp.LOG_CONNECT_TIMEOUT);
        this.githubApi = settings.apiUrl();
        this.maxBytes = settings.logMaxBytes();
        this.deadline = settings.logDownloadTimeout();
    }

    CiProvider.Log fetch(URI location) {
        if (!acceptable(location)) {
            metrics.count(Metric.GITHUB_ERROR, "unavailable");
            LOG.warn("GitHub pointed to a log address that is not HTTPS; not downloaded");
            throw ErrorCode.GITHUB_UNAVAILABLE.refusal("GitHub gave an address for the log that is not HTTPS, so ActionGate did not download it.");
        }
        Tail tail = new Tail(maxBytes);
        // A 200's body goes into the tail as it arrives; any other answer's body is read and dropped.
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(HttpRequest.newBuilder(location).timeout(deadline).GET().build(),
                answer -> answer.statusCode() == 200 ? HttpResponse.BodySubscribers.ofByteArrayConsumer(tail)
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<Void> response;
        try {
            response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw tooSlow();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw tooSlow();
            }
            metrics.count(Metric.GITHUB_ERROR, "unavailable");
            LOG.warn("The log download failed: {}", e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName());
            throw ErrorCode.GITHUB_UNAVAILABLE.refusal("The log could not be downloaded; try again in a moment.");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw ErrorCode.INTERRUPTED.refusal("The log download was interrupted.");
        }
        if (response.statusCode() != 200) {
            metrics.count(Metric.GITHUB_ERROR, "unavailable");
            LOG.warn("The log download answered {}", response.statusCode());
            throw ErrorCode.GITHUB_UNAVAILABLE.refusal("GitHub's log storage answered HTTP " + response.statusCode() + "; try again in a moment.");
        }
        return tail.log();
    }

    /** HTTPS, or plain HTTP only to the very host of a plain-HTTP GitHub API URL (which must be loopback: a local stand-in). */
    private boolean acceptable(URI location) {
        if ("https".equalsIgnoreCase(location.getScheme()) && location.getHost() != null) {
            return true;
        }
        return "http".equalsIgnoreCase(location.getScheme()) && "http".equalsIgnoreCase(githubApi.getScheme())
                && location.getHost() != null && location.getHost().equalsIgnoreCase(githubApi.getHost());
    }

    private ApiException tooSlow() {
        metrics.count(Metric.GITHUB_ERROR, "timeout");
        return ErrorCode.GITHUB_TIMEOUT.refusal("The log took too long to download; try again in a moment.");
    }

    /**
     * The last bytes of a stream, at most {@code max} plus one chunk held at a time, and the count of
     * the line breaks before them, read as the log tail reads them: {@code \n}, {@code \r\n} or a lone {@code \r}.
     */
    static final class Tail implements Consumer<Optional<byte[]>> {

        private final int max;
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private long kept;
        private long breaksDropped;
        private boolean dropped;
        private boolean droppedEndsWithCr;
        private boolean droppedEndsAtBreak;

        Tail(int max) {
            this.max = max;
        }

        @Override
        public void accept(Optional<byte[]> chunk) {
            if (chunk.isEmpty() || chunk.get().length == 0) {
                return;
            }
            chunks.addLast(chunk.get());
            kept += chunk.get().length;
            while (kept - chunks.getFirst().length >= max) {
                byte[] first = chunks.removeFirst();
                drop(first, 0, first.length);
                kept -= first.length;
            }
        }

        CiProvider.Log log() {
            byte[] all = new byte[(int) Math.min(kept, max)];
            int skip = (int) (kept - all.length);
            int offset = 0;
            for (byte[] chunk : chunks) {
                int from = Math.min(skip, chunk.length);
                drop(chunk, 0, from);
                skip -= from;
                System.arraycopy(chunk, from, all, offset, chunk.length - from);
                offset += chunk.length - from;
            }
            int start = dropped ? lineStart(all) : 0;
            return new CiProvider.Log(new String(all, start, all.length - start, StandardCharsets.UTF_8), Math.toIntExact(breaksDropped + 1));
        }

        /** Where the first whole line begins, counting the break that ends the cut one; 0 when none ends in what is kept. */
        private int lineStart(byte[] bytes) {
            if (droppedEndsAtBreak) {
                return droppedEndsWithCr && bytes.length > 0 && bytes[0] == '\n' ? 1 : 0;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    breaksDropped++;
                    return bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n' ? i + 2 : i + 1;
                }
            }
            return 0;
        }

        private void drop(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b == '\r' || b == '\n' && !droppedEndsWithCr) {
                    breaksDropped++;
                }
                droppedEndsWithCr = b == '\r';
                droppedEndsAtBreak = b == '\r' || b == '\n';
                dropped = true;
            }
        }
    }
}
