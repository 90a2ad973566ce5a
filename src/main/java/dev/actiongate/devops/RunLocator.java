package dev.actiongate.devops;

import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubPermission;
import io.micronaut.http.client.exceptions.HttpClientException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds the run a dispatch started when GitHub does not say (GitHub Enterprise Server versions that
 * answer 204): the earliest workflow_dispatch run of that workflow on that ref, created after the
 * dispatch, by the token's own user when GitHub names one. GitHub shows a new run after a few seconds.
 */
@Singleton
class RunLocator {

    static final int ATTEMPTS = 8;
    static final Duration PAUSE = Duration.ofSeconds(1);
    /** Allowed difference between our clock and GitHub's. */
    private static final Duration SKEW = Duration.ofSeconds(5);

    private final Github github;
    private final AtomicReference<Optional<String>> tokenUser = new AtomicReference<>();

    RunLocator(Github github) {
        this.github = github;
    }

    Optional<Run> find(Repository repository, String workflow, String ref, Instant dispatchedAt) {
        Instant since = dispatchedAt.minus(SKEW).truncatedTo(ChronoUnit.SECONDS);
        Optional<String> actor = tokenUser();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Run> run = github.call(GithubPermission.ACTIONS_READ, "workflow " + workflow + " in " + repository,
                    () -> github.api().workflowRuns(repository.owner(), repository.name(), workflow, ref, null,
                            "workflow_dispatch", ">=" + since, 20, 1)).workflowRuns().stream()
                    .filter(candidate -> candidate.createdAt() != null && !candidate.createdAt().isBefore(since))
                    .filter(candidate -> actor.isEmpty() || actor.get().equals(login(candidate)))
                    .min(Comparator.comparing(Run::createdAt));
            if (run.isPresent() || attempt == ATTEMPTS) {
                return run;
            }
            pause();
        }
        return Optional.empty();
    }

    /** The login the token acts as; none for GitHub App tokens, which then match any actor. */
    private Optional<String> tokenUser() {
        Optional<String> known = tokenUser.get();
        if (known == null) {
            try {
                known = Optional.ofNullable(github.api().user()).map(account -> account.login()).filter(Objects::nonNull);
            } catch (HttpClientException e) {
                known = Optional.empty();
            }
            tokenUser.set(known);
        }
        return known;
    }

    private static String login(Run run) {
        var actor = run.triggeringActor() != null ? run.triggeringActor() : run.actor();
        return actor == null ? null : actor.login();
    }

    void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
