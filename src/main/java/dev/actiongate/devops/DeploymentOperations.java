package dev.actiongate.devops;

import dev.actiongate.devops.Answers.DeploymentList;
import dev.actiongate.security.Caller;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

/** {@code listDeployments}: deployments of an allowed repository, the newest with their latest status. */
@Singleton
public final class DeploymentOperations {

    public static final int MAX_DEPLOYMENTS = 20;

    private final CiProvider ci;
    private final RepositoryAllowlist allowlist;

    DeploymentOperations(CiProvider ci, RepositoryAllowlist allowlist) {
        this.ci = ci;
        this.allowlist = allowlist;
    }

    public DeploymentList listDeployments(Caller caller, String repo, String environment, int limit, int page) {
        Repository repository = allowlist.repository(repo);
        int perPage = Paging.limit(limit, MAX_DEPLOYMENTS);
        int wanted = Paging.page(page);
        if (environment != null && !environment.matches("[\\x20-\\x7E]{1,255}")) {
            throw ErrorCode.ENVIRONMENT_INVALID.refusal();
        }
        return ci.deployments(repository, environment, perPage, wanted);
    }
}
