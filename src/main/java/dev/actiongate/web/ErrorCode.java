package dev.actiongate.web;

import java.util.Locale;

/**
 * Every error an API answer (the GPT's REST face, the MCP face) can carry: its stable {@code error} code,
 * the HTTP status it is answered with, and the sentence used when the refusal has nothing more specific
 * to say. A sentence tells the person what happened and what to do next, in words an assistant can read
 * out. The codes are part of the API: clients and the OpenAPI document rely on them.
 */
public enum ErrorCode {

    // --- the request itself
    BAD_REQUEST(400, "ActionGate could not read this request; check its address, parameters and body."),
    NOT_FOUND(404, "ActionGate has nothing at this address; its operations are listed in /openapi.json."),
    METHOD_NOT_ALLOWED(405, "This address does not take this method."),
    NOT_ACCEPTABLE(406, "ActionGate answers in JSON; accept application/json."),
    UNSUPPORTED_MEDIA_TYPE(415, "Send the body as application/json."),
    REQUEST_TOO_LARGE(413, "The request body is larger than ActionGate accepts; send a smaller one."),
    URI_TOO_LONG(414, "The request's address is longer than ActionGate accepts; shorten its query."),
    HEADERS_TOO_LARGE(431, "The request's headers are larger than ActionGate accepts; "
            + "a bearer token this long cannot be one ActionGate issued. Sign in again."),
    REQUEST_REFUSED(400, "ActionGate refused this request."),
    INTERNAL_ERROR(500, "Something went wrong inside ActionGate; try again in a moment."),

    // --- who is calling (RFC 6750 §3.1)
    INVALID_TOKEN(401, "You are not signed in to ActionGate. Please sign in again."),
    INSUFFICIENT_SCOPE(403, "Your sign-in does not allow this operation. Ask an ActionGate admin for access."),
    IDENTITY_PROVIDER_UNAVAILABLE(503, "ActionGate cannot reach your identity provider to check your sign-in right now; "
            + "try again in a minute."),

    // --- what an operation was asked
    REPO_MISSING(400, "Say which repository, as owner/name (for example acme/web)."),
    REPO_INVALID(400, "A repository is written owner/name, for example acme/web."),
    REPOSITORY_NOT_ALLOWED(403, "ActionGate is not allowed to act on this repository; an admin can add it to actiongate.github.repositories."),
    WORKFLOW_INVALID(400, "Name the workflow by its file name, e.g. deploy.yml, or its id."),
    WORKFLOW_NOT_ALLOWED(403, "This workflow may not be triggered through ActionGate; an admin can add it to actiongate.github.workflows."),
    REF_INVALID(400, "Say which branch or tag to run on, e.g. main."),
    REF_NOT_ALLOWED(403, "Workflows may not be triggered on this ref through ActionGate; an admin can allow it in actiongate.github.refs."),
    INPUTS_INVALID(400, "A workflow takes at most 25 inputs."),
    STATUS_INVALID(400, "That is not a status a run can have."),
    ENVIRONMENT_INVALID(400, "Name the environment as GitHub shows it, e.g. production."),
    PAGE_INVALID(400, "Pages are numbered from 1."),
    LIMIT_INVALID(400, "Ask for fewer at a time."),
    CURSOR_INVALID(400, "Use the nextCursor of an earlier answer as the cursor."),
    CURSOR_OUT_OF_RANGE(400, "That part of the log is no longer available through ActionGate."),
    DATE_INVALID(400, "Give dates like 2026-11-25."),
    RANGE_INVALID(400, "Ask for a range with from on or before to."),
    RANGE_TOO_LARGE(400, "That range holds too much usage to add up at once; ask for fewer days."),
    GROUP_BY_INVALID(400, "Group usage by day, operation or user."),
    PERSON_INVALID(400, "Name the person by their sub or their e-mail address."),
    PERSON_NOT_ALLOWED(403, "You can see only your own audit events; an admin can see everyone's."),
    OPERATION_INVALID(400, "Filter by triggerWorkflow, cancelRun or rerunRun."),
    OUTCOME_INVALID(400, "Filter by the outcome ok, refused or failed."),

    // --- limits
    QUOTA_EXCEEDED(429, "You have used all the ActionGate calls your tier allows today; more become available at midnight UTC."),
    USAGE_UNAVAILABLE(503, "ActionGate cannot check your usage quota right now; try again in a minute."),

    // --- GitHub
    GITHUB_NOT_CONFIGURED(503, "GitHub is not connected to ActionGate yet: an admin must set actiongate.github.token (ACTIONGATE_GITHUB_TOKEN)."),
    GITHUB_BUDGET_LOW(429, "ActionGate's GitHub requests for this hour, shared by everyone, are kept for starting, cancelling and "
            + "re-running runs; try reading again later."),
    GITHUB_RATE_LIMITED(429, "GitHub's rate limit for ActionGate is used up; try again after the wait in Retry-After."),
    GITHUB_TOKEN_REFUSED(502, "GitHub refused ActionGate's token (it may have expired or been revoked); "
            + "an admin must replace actiongate.github.token."),
    GITHUB_PERMISSION_MISSING(502, "ActionGate's GitHub token lacks a permission this needs; an admin must grant it."),
    GITHUB_CONFLICT(409, "GitHub refused: the run is not in a state that allows this."),
    GITHUB_REJECTED(400, "GitHub refused the request."),
    GITHUB_UNAVAILABLE(502, "GitHub is having problems right now; try again in a moment."),
    GITHUB_UNREACHABLE(502, "GitHub cannot be reached right now; try again in a moment."),
    GITHUB_TIMEOUT(504, "GitHub did not answer in time; try again in a moment."),
    INTERRUPTED(503, "The request was interrupted; try again.");

    private final int status;
    private final String sentence;
    private final String code;

    ErrorCode(int status, String sentence) {
        this.status = status;
        this.sentence = sentence;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /** The {@code error} member of the answer, e.g. {@code repository_not_allowed}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The sentence for this refusal when nothing more specific is known. */
    public String sentence() {
        return sentence;
    }

    /** This refusal with its own sentence. */
    public ApiException refusal() {
        return new ApiException(this, sentence);
    }

    /** This refusal, saying what exactly was wrong. */
    public ApiException refusal(String sentence) {
        return new ApiException(this, sentence);
    }
}
