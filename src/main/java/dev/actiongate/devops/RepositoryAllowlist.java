package dev.actiongate.devops;

import dev.actiongate.config.GithubSettings;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The repositories (and triggerable workflows and refs) ActionGate may act on. Checked before GitHub
 * is called, so a GPT cannot reach anything an admin did not list. Repository names compare as GitHub
 * compares them, ignoring case; workflow files and refs are git paths and names, so case counts.
 */
@Singleton
final class RepositoryAllowlist {

    private final Set<String> repositories;
    private final Set<String> workflows;
    private final List<Pattern> refs;
    private final String refList;

    RepositoryAllowlist(GithubSettings settings) {
        this.repositories = settings.repositories().stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.workflows = settings.workflows().stream().map(RepositoryAllowlist::repositoryInLowerCase).collect(Collectors.toSet());
        this.refs = settings.refs().stream().map(RepositoryAllowlist::refPattern).toList();
        this.refList = String.join(", ", settings.refs());
    }

    Repository repository(String repo) {
        if (repo == null || repo.isBlank()) {
            throw ErrorCode.REPO_MISSING.refusal("Say which repository, as owner/name (for example acme/web).");
        }
        String name = repo.trim();
        if (!name.matches("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")) {
            throw ErrorCode.REPO_INVALID.refusal("A repository is written owner/name, for example acme/web.");
        }
        if (!repositories.contains(name.toLowerCase(Locale.ROOT))) {
            throw ErrorCode.REPOSITORY_NOT_ALLOWED.refusal("ActionGate is not allowed to act on " + name + "; an admin can add it to actiongate.github.repositories.");
        }
        return Repository.parse(name);
    }

    /** A workflow file name or id that may be triggered in the repository: the file name exactly, as git stores it. */
    void triggerable(Repository repository, String workflow) {
        if (workflows.isEmpty()) {
            return;
        }
        if (!workflows.contains(workflow) && !workflows.contains(repository.toString().toLowerCase(Locale.ROOT) + ":" + workflow)) {
            throw ErrorCode.WORKFLOW_NOT_ALLOWED.refusal("The workflow " + workflow + " in " + repository + " may not be triggered through ActionGate; an admin can add it to actiongate.github.workflows.");
        }
    }

    /** A branch or tag a workflow may be triggered on, matched as written, case and all. */
    void triggerableOn(String ref) {
        if (refs.isEmpty() || refs.stream().anyMatch(pattern -> pattern.matcher(ref).matches())) {
            return;
        }
        throw ErrorCode.REF_NOT_ALLOWED.refusal("Workflows may not be run on " + ref + " through ActionGate, only on " + refList
                        + "; an admin can add it to actiongate.github.refs.");
    }

    /** {@code Acme/Web:Deploy.yml} is kept as {@code acme/web:Deploy.yml}. */
    private static String repositoryInLowerCase(String entry) {
        int colon = entry.indexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon).toLowerCase(Locale.ROOT) + entry.substring(colon);
    }

    /** {@code *} stands for any characters within one segment of the ref: {@code release/*} is not {@code release/1/hotfix}. */
    private static Pattern refPattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
