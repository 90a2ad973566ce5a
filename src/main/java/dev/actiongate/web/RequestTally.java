package dev.actiongate.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one metered call caused further away, counted while it is served: the GitHub requests it made,
 * which metering adds to the person's daily counter when the call ends. The face that meters the call
 * starts the tally on its request; the GitHub client counts into the tally of the request it serves
 * (Micronaut carries the request to the threads that serve it).
 */
public final class RequestTally {

    private static final String ATTRIBUTE = RequestTally.class.getName();

    private final AtomicInteger githubRequests = new AtomicInteger();

    private RequestTally() {
    }

    /** Starts counting for a metered request. */
    public static RequestTally start(HttpRequest<?> request) {
        RequestTally tally = new RequestTally();
        request.setAttribute(ATTRIBUTE, tally);
        return tally;
    }

    public static int githubRequests(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, RequestTally.class).map(tally -> tally.githubRequests.get()).orElse(0);
    }

    /** One request to GitHub for the call being served; nothing when that call is not metered. */
    public static void countGithubRequest() {
        ServerRequestContext.currentRequest().flatMap(request -> request.getAttribute(ATTRIBUTE, RequestTally.class))
                .ifPresent(tally -> tally.githubRequests.incrementAndGet());
    }
}
