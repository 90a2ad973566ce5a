package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code actiongate.github.*}: where the DevOps operations act, and on which repositories. */
@ConfigurationProperties(GithubSettings.PREFIX)
public final class GithubSettings {

    public static final String PREFIX = "actiongate.github";
    public static final String DEFAULT_API_URL = "https://api.github.com";
    private static final Pattern OWNER_AND_NAME = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");

    public static final String DEFAULT_API_VERSION = "2022-11-28";
    public static final int DEFAULT_LOG_CHARACTERS = 20_000;
    /** ChatGPT refuses responses over about 100,000 characters; the rest of the answer needs room too. */
    public static final int MAX_LOG_CHARACTERS = 90_000;
    private static final Pattern WORKFLOW_ENTRY = Pattern.compile("([A-Za-z0-9-]+/[A-Za-z0-9._-]+:)?[A-Za-z0-9._-]+");
    private static final Pattern API_VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private String token;
    private String apiUrl = DEFAULT_API_URL;
    private List<String> repositories = List.of();
    private List<String> workflows = List.of();
    private String apiVersion = DEFAULT_API_VERSION;
    private int logMaxCharacters = DEFAULT_LOG_CHARACTERS;

    /** Absent until someone sets it; the GitHub operations then answer 503 saying so. */
    public Optional<Secret> token() {
        return Optional.ofNullable(token).filter(t -> !t.isBlank()).map(Secret::of);
    }

    public URI apiUrl() {
        return Setting.url(PREFIX + ".api-url", apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl);
    }

    /** The allowlist, {@code owner/name} each. */
    public Set<String> repositories() {
        Set<String> allowed = new LinkedHashSet<>();
        for (String repository : repositories) {
            String name = repository.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!OWNER_AND_NAME.matcher(name).matches()) {
                throw new InvalidSettingException(PREFIX + ".repositories",
                        "holds \"" + name + "\", which is not owner/name");
            }
            allowed.add(name);
        }
        return allowed;
    }

    /**
     * Workflows that may be triggered: {@code deploy.yml} (in every allowed repository) or
     * {@code owner/name:deploy.yml}. Empty: every workflow of an allowed repository.
     */
    public Set<String> workflows() {
        Set<String> allowed = new LinkedHashSet<>();
        for (String workflow : workflows) {
            String entry = workflow.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!WORKFLOW_ENTRY.matcher(entry).matches()) {
                throw new InvalidSettingException(PREFIX + ".workflows",
                        "holds \"" + entry + "\", which is neither a workflow file like deploy.yml nor owner/name:deploy.yml");
            }
            allowed.add(entry);
        }
        return allowed;
    }

    /** The REST API version every request pins ({@code X-GitHub-Api-Version}). */
    public String apiVersion() {
        String version = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.trim();
        if (!API_VERSION.matcher(version).matches()) {
            throw new InvalidSettingException(PREFIX + ".api-version", "must be a date such as " + DEFAULT_API_VERSION);
        }
        return version;
    }

    /** The most log text one answer carries. */
    public int logMaxCharacters() {
        if (logMaxCharacters < 1_000 || logMaxCharacters > MAX_LOG_CHARACTERS) {
            throw new InvalidSettingException(PREFIX + ".log-max-characters", "must be between 1000 and " + MAX_LOG_CHARACTERS);
        }
        return logMaxCharacters;
    }

    public void setWorkflows(@Nullable List<String> workflows) {
        this.workflows = workflows == null ? List.of() : new ArrayList<>(workflows);
    }

    public void setApiVersion(@Nullable String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public void setLogMaxCharacters(int logMaxCharacters) {
        this.logMaxCharacters = logMaxCharacters;
    }

    public void setToken(@Nullable String token) {
        this.token = token;
    }

    public void setApiUrl(@Nullable String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public void setRepositories(@Nullable List<String> repositories) {
        this.repositories = repositories == null ? List.of() : new ArrayList<>(repositories);
    }
}
