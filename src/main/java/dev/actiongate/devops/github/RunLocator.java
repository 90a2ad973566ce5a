package dev.actiongate.devops.github;

import dev.actiongate.devops.Repository;
import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubPermission;
import dev.actiongate.web.ApiException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds the run a dispatch started when GitHub does not say (GitHub Enterprise Server versions that
 * answer 204): the earliest workflow_dispatch run of that workflow on that ref, created after the
 * dispatch, by the token's own user when GitHub names one. GitHub shows a new run after a few seconds.
 * These reads complete a trigger that went through, so they may spend the reserve; there are at most
 * {@link #PAUSES}+1 of them (plus, once per instance, who the token is).
 */
@Singleton
class RunLocator {

    /** Looks at 0, 1, 3, 5 and 8 seconds after the dispatch: five requests where one a second made eight. */
    static final List<Duration> PAUSES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
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
        for (int attempt = 0; ; attempt++) {
            Optional<Run> run = github.callForMutation(GithubPermission.ACTIONS_READ, "workflow " + workflow + " in " + repository,
                    () -> github.api().workflowRuns(repository.owner(), repository.name(), workflow, ref, null,
                            "workflow_dispatch", ">=" + since, 20, 1)).workflowRuns().stream()
                    .filter(candidate -> candidate.createdAt() != null && !candidate.createdAt().isBefore(since))
                    .filter(candidate -> actor.isEmpty() || actor.get().equals(login(candidate)))
                    .min(Comparator.comparing(Run::createdAt));
            if (run.isPresent() || attempt == PAUSES.size()) {
                return run;
            }
            pause(PAUSES.get(attempt));
        }
    }

    /** The login the token acts as; none for GitHub App tokens (GitHub answers 403), which then match any actor. */
    private Optional<String> tokenUser() {
        Optional<String> known = tokenUser.get();
        if (known == null) {
            try {
                known = Optional.ofNullable(github.callForMutation(GithubPermission.ACTIONS_READ, "the token's user", () -> github.api().user()))
                        .map(account -> account.login()).filter(Objects::nonNull);
            } catch (ApiException e) {
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

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
