package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.net.URI;
import java.time.Duration;
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
    /** A branch or tag name as git allows it here, with * for any characters within one segment. */
    private static final Pattern REF_PATTERN = Pattern.compile("[A-Za-z0-9._*-]+(/[A-Za-z0-9._*-]+)*");
    /**
     * GitHub requests kept for triggering, cancelling and re-running: a tenth of the 5,000 an hour a
     * personal or installation token gets. A trigger costs at most 7 requests, so 500 still carry some
     * 70 of them through an hour in which reading has used up everything else.
     */
    public static final int DEFAULT_RATE_LIMIT_RESERVE = 500;
    public static final int MAX_RATE_LIMIT_RESERVE = 100_000;
    /**
     * The end of a job log kept while it downloads: some 20,000 lines, far more than anyone pages back
     * through 20,000 characters at a time, and little enough to hold in memory for a few calls at once.
     */
    public static final int DEFAULT_LOG_MAX_BYTES = 2 * 1024 * 1024;
    private static final int MIN_LOG_MAX_BYTES = 256 * 1024;
    private static final int MAX_LOG_MAX_BYTES = 32 * 1024 * 1024;
    /** Connecting, the headers and the whole body of a log download; API Gateway ends a call at 30 s. */
    public static final Duration DEFAULT_LOG_DOWNLOAD_TIMEOUT = Duration.ofSeconds(10);

    private String token;
    private String apiUrl = DEFAULT_API_URL;
    private List<String> repositories = List.of();
    private List<String> workflows = List.of();
    private String apiVersion = DEFAULT_API_VERSION;
    private int logMaxCharacters = DEFAULT_LOG_CHARACTERS;
    private List<String> refs = List.of();
    private int rateLimitReserve = DEFAULT_RATE_LIMIT_RESERVE;
    private int logMaxBytes = DEFAULT_LOG_MAX_BYTES;
    private Duration logDownloadTimeout = DEFAULT_LOG_DOWNLOAD_TIMEOUT;

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
     * {@code owner/name:deploy.yml}. Empty: every workflow of an allowed repository. File names compare
     * case-sensitively, as git's paths do.
     */
    public Set<String> workflows() {
        Set<String> allowed = new LinkedHashSet<>();
        for (String workflow : workflows) {
            String entry = workflow.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String file = entry.substring(entry.indexOf(':') + 1);
            if (!WORKFLOW_ENTRY.matcher(entry).matches() || file.equals(".") || file.equals("..")) {
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

    /**
     * Branches and tags a workflow may be triggered on, e.g. {@code main} or {@code release/*}; a
     * {@code *} stands for any characters within one segment (it never matches a {@code /}). Empty: any ref.
     */
    public Set<String> refs() {
        Set<String> allowed = new LinkedHashSet<>();
        for (String ref : refs) {
            String pattern = ref.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.length() > 255 || !REF_PATTERN.matcher(pattern).matches()) {
                throw new InvalidSettingException(PREFIX + ".refs",
                        "holds \"" + pattern + "\", which is not a branch or tag name such as main or release/*");
            }
            allowed.add(pattern);
        }
        return allowed;
    }

    /** Below this many requests left in GitHub's hour, reads are refused so that mutations still get through. */
    public int rateLimitReserve() {
        if (rateLimitReserve < 0 || rateLimitReserve > MAX_RATE_LIMIT_RESERVE) {
            throw new InvalidSettingException(PREFIX + ".rate-limit-reserve", "must be between 0 (no reserve) and " + MAX_RATE_LIMIT_RESERVE);
        }
        return rateLimitReserve;
    }

    /** How much of the end of a job log is kept while it downloads. */
    public int logMaxBytes() {
        if (logMaxBytes < MIN_LOG_MAX_BYTES || logMaxBytes > MAX_LOG_MAX_BYTES) {
            throw new InvalidSettingException(PREFIX + ".log-max-bytes", "must be between 256KB and 32MB");
        }
        return logMaxBytes;
    }

    /** The one deadline for a whole log download: connecting, the answer and every byte of the body. */
    public Duration logDownloadTimeout() {
        return Setting.positive(PREFIX + ".log-download-timeout", logDownloadTimeout);
    }

    public void setRefs(@Nullable List<String> refs) {
        this.refs = refs == null ? List.of() : new ArrayList<>(refs);
    }

    public void setRateLimitReserve(int rateLimitReserve) {
        this.rateLimitReserve = rateLimitReserve;
    }

    public void setLogMaxBytes(@ReadableBytes int logMaxBytes) {
        this.logMaxBytes = logMaxBytes;
    }

    public void setLogDownloadTimeout(@Nullable Duration logDownloadTimeout) {
        this.logDownloadTimeout = logDownloadTimeout;
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
