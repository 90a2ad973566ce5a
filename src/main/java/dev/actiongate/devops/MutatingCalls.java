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

    private final AuditTrail audit;

    MutatingCalls(AuditTrail audit) {
        this.audit = audit;
    }

    <T> T run(Caller who, String operation, Repository repository, String target, Map<String, String> inputs,
              Supplier<T> action, Function<T, String> result) {
        T answer;
        try {
            answer = action.get();
        } catch (ApiException e) {
            record(who, operation, repository, target, inputs, e.status(), e.code().code());
            throw e;
        } catch (RuntimeException e) {
            record(who, operation, repository, target, inputs, ErrorCode.INTERNAL_ERROR.status(), ErrorCode.INTERNAL_ERROR.code());
            throw e;
        }
        record(who, operation, repository, target, inputs, 200, result.apply(answer));
        return answer;
    }

    private void record(Caller who, String operation, Repository repository, String target, Map<String, String> inputs,
                        int status, String result) {
        audit.record(new AuditRecord(who.face().key(), who.subject(), who.email(), operation, repository.toString(), target, inputs, status, result));
    }
}
