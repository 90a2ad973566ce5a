package dev.actiongate.usage;

import io.micronaut.http.context.ServerRequestContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GitHub requests one metered API call makes, added to the person's daily counter when the call
 * ends. The metering filter puts one on each metered request; the GitHub client counts into the one of
 * the request it serves (Micronaut carries the request to the threads that serve it).
 */
public final class GithubRequests {

    static final String ATTRIBUTE = GithubRequests.class.getName();

    private final AtomicInteger count = new AtomicInteger();

    GithubRequests() {
    }

    /** One request to GitHub for the API call being served; nothing when that call is not metered. */
    public static void countOne() {
        ServerRequestContext.currentRequest().flatMap(request -> request.getAttribute(ATTRIBUTE, GithubRequests.class))
                .ifPresent(requests -> requests.count.incrementAndGet());
    }

    int count() {
        return count.get();
    }
}
