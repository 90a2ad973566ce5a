package dev.actiongate.devops.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/**
 * Every answer from GitHub, successful or not, tells {@link GithubBudget} how many requests are left:
 * the declarative client hands most callers only the body, so its headers are read here.
 */
@ClientFilter(serviceId = GithubApi.SERVICE)
final class GithubResponseFilter {

    private final GithubBudget budget;

    GithubResponseFilter(GithubBudget budget) {
        this.budget = budget;
    }

    @ResponseFilter
    void observe(@Nullable HttpResponse<?> response, @Nullable HttpClientResponseException failure) {
        HttpResponse<?> answer = failure != null ? failure.getResponse() : response;
        if (answer != null) {
            budget.observe(answer.getHeaders());
        }
    }
}
