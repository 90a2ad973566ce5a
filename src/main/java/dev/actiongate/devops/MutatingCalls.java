package dev.actiongate.devops;

import dev.actiongate.security.Caller;
import dev.actiongate.usage.AuditRecord;
import dev.actiongate.usage.AuditTrail;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs an operation that changes something at GitHub and leaves exactly one audit record of it, whatever the outcome. */
@Singleton
final class MutatingCalls {

    /** What the call was about, as its audit record names it. */
    record Subject(String operation, Repository repository, String target, String ref, Map<String, String> inputs) {
    }

    /** How a call that succeeded is recorded: a short outcome, and the run it started when one is known (else null). */
    record Outcome(String result, Long startedRunId) {
    }

    private final AuditTrail audit;

    MutatingCalls(AuditTrail audit) {
        this.audit = audit;
    }

    <T> T run(Caller who, Subject about, Supplier<T> action, Function<T, Outcome> outcome) {
        T answer;
        try {
            answer = action.get();
        } catch (ApiException e) {
            record(who, about, e.status(), e.code().code(), null);
            throw e;
        } catch (RuntimeException e) {
            record(who, about, ErrorCode.INTERNAL_ERROR.status(), ErrorCode.INTERNAL_ERROR.code(), null);
            throw e;
        }
        Outcome done = outcome.apply(answer);
        record(who, about, 200, done.result(), done.startedRunId());
        return answer;
    }

    private void record(Caller who, Subject about, int status, String result, Long startedRunId) {
        audit.record(new AuditRecord(who.face().key(), who.subject(), who.email(), about.operation(), about.repository().toString(),
                about.target(), about.ref(), about.inputs(), status, result, startedRunId));
    }
}
