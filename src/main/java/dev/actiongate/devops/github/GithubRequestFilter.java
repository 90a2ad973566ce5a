package dev.actiongate.devops.github;

import dev.actiongate.config.GithubSettings;
import dev.actiongate.config.Secrets;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/** Every request to GitHub: ActionGate's token, the pinned API version, and a User-Agent GitHub requires. */
@ClientFilter(serviceId = GithubApi.SERVICE)
final class GithubRequestFilter {

    private final GithubSettings settings;
    private final Secrets secrets;

    GithubRequestFilter(GithubSettings settings, Secrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    @RequestFilter
    void authorize(MutableHttpRequest<?> request) {
        secrets.githubToken().ifPresent(token -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.reveal()));
        request.header("X-GitHub-Api-Version", settings.apiVersion());
        request.header(HttpHeaders.USER_AGENT, "ActionGate");
    }
}
