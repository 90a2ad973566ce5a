package dev.actiongate.devops;

import dev.actiongate.api.ApiException;
import dev.actiongate.config.GithubSettings;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The repositories (and triggerable workflows) ActionGate may act on. Checked before GitHub is called,
 * so a GPT cannot reach anything an admin did not list.
 */
@Singleton
final class RepositoryAllowlist {

    private final Set<String> repositories;
    private final Set<String> workflows;

    RepositoryAllowlist(GithubSettings settings) {
        this.repositories = settings.repositories().stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.workflows = settings.workflows().stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    Repository repository(String repo) {
        if (repo == null || repo.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "repo_missing", "Say which repository, as owner/name (for example acme/web).");
        }
        String name = repo.trim();
        if (!name.matches("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "repo_invalid", "A repository is written owner/name, for example acme/web.");
        }
        if (!repositories.contains(name.toLowerCase(Locale.ROOT))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "repository_not_allowed",
                    "ActionGate is not allowed to act on " + name + "; an admin can add it to actiongate.github.repositories.");
        }
        return Repository.parse(name);
    }

    /** A workflow file name or id that may be triggered in the repository. */
    void triggerable(Repository repository, String workflow) {
        if (workflows.isEmpty()) {
            return;
        }
        String file = workflow.toLowerCase(Locale.ROOT);
        if (!workflows.contains(file) && !workflows.contains(repository.toString().toLowerCase(Locale.ROOT) + ":" + file)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "workflow_not_allowed",
                    "The workflow " + workflow + " in " + repository + " may not be triggered through ActionGate; an admin can add it to actiongate.github.workflows.");
        }
    }
}
