package dev.actiongate.config;

import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How ActionGate calls out over HTTP: which stack serves which call, and where its time limits come from.
 * <table>
 *   <caption>Outbound calls</caption>
 *   <tr><th>call</th><th>stack</th><th>limits</th></tr>
 *   <tr><td>provider token endpoint</td><td>JDK {@link HttpClient} from here, no redirects</td>
 *       <td>{@code actiongate.idp.http-timeout} to connect and to answer</td></tr>
 *   <tr><td>provider discovery and key set</td><td>the JDK's URL connection (Nimbus retriever), disconnected after
 *       each use so no socket ends up in a SnapStart snapshot</td><td>{@code actiongate.idp.http-timeout}</td></tr>
 *   <tr><td>GitHub's REST API</td><td>Micronaut's declarative client on the JDK {@link HttpClient}, no redirects</td>
 *       <td>{@code actiongate.github.connect-timeout}, {@code read-timeout}</td></tr>
 *   <tr><td>job log download (GitHub's storage)</td><td>JDK {@link HttpClient} from here, following GitHub's redirect,
 *       never from https to http</td><td>{@link #LOG_CONNECT_TIMEOUT}, one deadline for the whole download
 *       {@code actiongate.github.log-download-timeout}</td></tr>
 *   <tr><td>DynamoDB, SSM</td><td>the AWS SDK's URL-connection client, in their adapters</td>
 *       <td>{@code actiongate.usage.call-timeout}; SSM's at start-up only</td></tr>
 * </table>
 */
@Singleton
public final class OutboundHttp {

    /** GitHub's log storage is a CDN: it connects fast or not at all. */
    public static final Duration LOG_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** A client that never follows a redirect: an answer's {@code Location} is for the caller to judge. */
    public HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client that follows redirects, but never from https to plain http. */
    public HttpClient redirectingClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }
}
