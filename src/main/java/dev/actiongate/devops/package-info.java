/**
 * The DevOps operations as services every face calls: workflows, runs, deployments and logs, each taking
 * the {@link dev.actiongate.security.Caller} and typed arguments and answering the records in
 * {@link dev.actiongate.devops.Answers}. What may be asked (repository, workflow and ref allowlists, bounds)
 * is decided here; the CI system itself is behind {@link dev.actiongate.devops.CiProvider}. Knows nothing of HTTP.
 */
package dev.actiongate.devops;
