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

    private String token;
    private String apiUrl = DEFAULT_API_URL;
    private List<String> repositories = List.of();

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
