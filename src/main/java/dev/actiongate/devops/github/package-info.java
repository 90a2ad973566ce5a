/**
 * GitHub Actions as the {@link dev.actiongate.devops.CiProvider}: the declarative REST client, GitHub's models,
 * the shared hourly request budget, how each GitHub failure reads to a person, finding the run a trigger
 * started, and the log download. Nothing outside this package sees a GitHub type.
 */
package dev.actiongate.devops.github;
