package dev.actiongate.devops;

import dev.actiongate.config.GithubSettings;
import dev.actiongate.devops.Answers.RunLogs;
import dev.actiongate.security.Caller;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code getRunLogs}: the end of a job's log, as plain text sized for an assistant, with a cursor to read further back. */
@Singleton
public final class LogOperations {

    public static final int MAX_TAIL = 5_000;
    private static final Set<String> FAILED = Set.of("failure", "timed_out", "cancelled", "startup_failure");

    private final CiProvider ci;
    private final RepositoryAllowlist allowlist;
    private final int maxCharacters;

    LogOperations(CiProvider ci, RepositoryAllowlist allowlist, GithubSettings settings) {
        this.ci = ci;
        this.allowlist = allowlist;
        this.maxCharacters = settings.logMaxCharacters();
    }

    /**
     * @param job    a job's name or id; null for the first failed job, else the last
     * @param cursor an earlier answer's {@code nextCursor}, or null for the end of the log
     */
    public RunLogs getRunLogs(Caller caller, long runId, String repo, String job, int tail, String cursor) {
        Repository repository = allowlist.repository(repo);
        int lines = Paging.limit(tail, MAX_TAIL);
        int endLine = cursor(cursor);
        String what = "run " + runId + " in " + repository;
        CiProvider.Job chosen = choose(ci.jobs(repository, runId, RunOperations.MAX_JOBS), job, what);
        CiProvider.Log log = ci.log(repository, chosen);
        if (endLine > 0 && endLine < log.firstLine()) {
            throw ErrorCode.CURSOR_OUT_OF_RANGE.refusal("The log of job " + chosen.name()
                    + " is longer than ActionGate reads (its last " + ci.logCap() + ", from line " + log.firstLine()
                    + "); the lines before that are only on GitHub" + (chosen.url() == null ? "." : ", at " + chosen.url() + "."));
        }
        LogTail.Window window = LogTail.of(log.text(), log.firstLine(), lines, endLine, maxCharacters);
        return new RunLogs(repository.toString(), runId, chosen.id(), chosen.name(), chosen.conclusion(), window.fromLine(),
                window.toLine(), window.totalLines(), window.truncated(),
                window.fromLine() > log.firstLine() ? Integer.toString(window.fromLine() - 1) : null,
                log.firstLine() > 1 ? log.firstLine() : null, window.text());
    }

    private static int cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        if (!cursor.matches("[0-9]{1,9}") || Integer.parseInt(cursor) < 1) {
            throw ErrorCode.CURSOR_INVALID.refusal();
        }
        return Integer.parseInt(cursor);
    }

    private static CiProvider.Job choose(List<CiProvider.Job> jobs, String wanted, String what) {
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
                        + "; its jobs are " + String.join(", ", jobs.stream().map(CiProvider.Job::name).limit(20).toList()) + "."));
    }
}
