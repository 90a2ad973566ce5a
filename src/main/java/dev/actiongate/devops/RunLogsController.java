package dev.actiongate.devops;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.config.GithubSettings;
import dev.actiongate.devops.Answers.RunLogs;
import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Job;
import dev.actiongate.devops.github.GithubPermission;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The end of a job's log, as plain text sized for a GPT, with a cursor to read further back. */
@Controller("/api/runs/{runId}/logs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RunLogsController {

    static final int MAX_TAIL = 5_000;
    private static final Set<String> FAILED = Set.of("failure", "timed_out", "cancelled", "startup_failure");

    private final Github github;
    private final RepositoryAllowlist allowlist;
    private final LogDownload download;
    private final int maxCharacters;
    private final int maxBytes;

    RunLogsController(Github github, RepositoryAllowlist allowlist, LogDownload download, GithubSettings settings) {
        this.github = github;
        this.allowlist = allowlist;
        this.download = download;
        this.maxCharacters = settings.logMaxCharacters();
        this.maxBytes = settings.logMaxBytes();
    }

    @Get
    @Secured(Scopes.LOGS_READ)
    @Operation(operationId = "getRunLogs", summary = "Read a job's log",
            description = "Returns the last lines of a job's log as plain text (the first failed job unless one is named), with a cursor to read the lines before; of a very long log only the end ActionGate keeps can be read.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.LOGS_READ))
    RunLogs getRunLogs(@Parameter(description = "The run's id.") @PathVariable long runId,
                       @Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                       @Parameter(description = "Job name or id; default: the first failed job, else the last job.") @QueryValue @Nullable String job,
                       @Parameter(description = "How many lines from the end, 1 to 5000.") @QueryValue(defaultValue = "200") int tail,
                       @Parameter(description = "nextCursor of an earlier answer, to read the lines before it.") @QueryValue @Nullable String cursor) {
        Repository repository = allowlist.repository(repo);
        int lines = Paging.limit(tail, MAX_TAIL);
        int endLine = cursor(cursor);
        String what = "run " + runId + " in " + repository;
        List<Job> jobs = github.call(GithubPermission.ACTIONS_READ, what,
                () -> github.api().jobs(repository.owner(), repository.name(), runId, "latest", RunsController.MAX_JOBS, 1)).jobs();
        Job chosen = choose(jobs, job, what);
        HttpResponse<String> redirect = github.call(GithubPermission.ACTIONS_READ, "the log of job " + chosen.id() + " in " + repository,
                () -> github.api().jobLogs(repository.owner(), repository.name(), chosen.id()));
        String location = redirect.getHeaders().get(HttpHeaders.LOCATION);
        if (redirect.getStatus().getCode() / 100 != 3 || location == null) {
            throw ErrorCode.GITHUB_UNAVAILABLE.refusal("GitHub did not say where the log of job " + chosen.name() + " is.");
        }
        LogDownload.Log log = download.fetch(URI.create(location));
        if (endLine > 0 && endLine < log.firstLine()) {
            throw ErrorCode.CURSOR_OUT_OF_RANGE.refusal("The log of job " + chosen.name()
                    + " is longer than ActionGate reads (its last " + size(maxBytes) + ", from line " + log.firstLine()
                    + "); the lines before that are only on GitHub" + (chosen.htmlUrl() == null ? "." : ", at " + chosen.htmlUrl() + "."));
        }
        LogTail.Window window = LogTail.of(log.text(), log.firstLine(), lines, endLine, maxCharacters);
        return new RunLogs(repository.toString(), runId, chosen.id(), chosen.name(), chosen.conclusion(), window.fromLine(),
                window.toLine(), window.totalLines(), window.truncated(),
                window.fromLine() > log.firstLine() ? Integer.toString(window.fromLine() - 1) : null,
                log.firstLine() > 1 ? log.firstLine() : null, window.text());
    }

    private static String size(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    private static int cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        if (!cursor.matches("[0-9]{1,9}") || Integer.parseInt(cursor) < 1) {
            throw ErrorCode.CURSOR_INVALID.refusal("Use the nextCursor of an earlier answer as the cursor.");
        }
        return Integer.parseInt(cursor);
    }

    private static Job choose(List<Job> jobs, String wanted, String what) {
        if (jobs.isEmpty()) {
            throw ErrorCode.NOT_FOUND.refusal("GitHub shows no jobs for " + what + " yet.");
        }
        if (wanted == null || wanted.isBlank()) {
            return jobs.stream().filter(job -> FAILED.contains(String.valueOf(job.conclusion()))).findFirst().orElse(jobs.getLast());
        }
        String name = wanted.trim().toLowerCase(Locale.ROOT);
        return jobs.stream().filter(job -> Long.toString(job.id()).equals(name) || job.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst()
                .orElseThrow(() -> ErrorCode.NOT_FOUND.refusal(what + " has no job named " + wanted.trim()
                        + "; its jobs are " + String.join(", ", jobs.stream().map(Job::name).limit(20).toList()) + "."));
    }
}
