package dev.actiongate.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code actiongate.github.*}: where the DevOps operations act, and on which repositories; the token is in {@link Secrets}. */
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

    private final URI apiUrl;
    private final Set<String> repositories;
    private final Set<String> workflows;
    private final String apiVersion;
    private final int logMaxCharacters;
    private final Set<String> refs;
    private final int rateLimitReserve;
    private final int logMaxBytes;
    private final Duration logDownloadTimeout;

    private GithubSettings(SettingsReader settings) {
        this.apiUrl = settings.url(PREFIX + ".api-url").orElse(URI.create(DEFAULT_API_URL));
        this.repositories = repositories(settings.list(PREFIX + ".repositories").orElse(List.of()));
        this.workflows = workflows(settings.list(PREFIX + ".workflows").orElse(List.of()));
        this.apiVersion = apiVersion(settings.string(PREFIX + ".api-version").orElse(DEFAULT_API_VERSION));
        this.logMaxCharacters = settings.integer(PREFIX + ".log-max-characters", DEFAULT_LOG_CHARACTERS,
                characters -> characters >= 1_000 && characters <= MAX_LOG_CHARACTERS, "must be between 1000 and " + MAX_LOG_CHARACTERS);
        this.refs = refs(settings.list(PREFIX + ".refs").orElse(List.of()));
        this.rateLimitReserve = settings.integer(PREFIX + ".rate-limit-reserve", DEFAULT_RATE_LIMIT_RESERVE,
                reserve -> reserve >= 0 && reserve <= MAX_RATE_LIMIT_RESERVE, "must be between 0 (no reserve) and " + MAX_RATE_LIMIT_RESERVE);
        this.logMaxBytes = settings.bytes(PREFIX + ".log-max-bytes", DEFAULT_LOG_MAX_BYTES,
                bytes -> bytes >= MIN_LOG_MAX_BYTES && bytes <= MAX_LOG_MAX_BYTES, "must be between 256KB and 32MB");
        this.logDownloadTimeout = settings.positiveDuration(PREFIX + ".log-download-timeout", DEFAULT_LOG_DOWNLOAD_TIMEOUT);
    }

    public static GithubSettings read(SettingsReader settings) {
        return new GithubSettings(settings);
    }

    public URI apiUrl() {
        return apiUrl;
    }

    /** The allowlist, {@code owner/name} each. */
    public Set<String> repositories() {
        return repositories;
    }

    /**
     * Workflows that may be triggered: {@code deploy.yml} (in every allowed repository) or
     * {@code owner/name:deploy.yml}. Empty: every workflow of an allowed repository. File names compare
     * case-sensitively, as git's paths do.
     */
    public Set<String> workflows() {
        return workflows;
    }

    /** The REST API version every request pins ({@code X-GitHub-Api-Version}). */
    public String apiVersion() {
        return apiVersion;
    }

    /** The most log text one answer carries. */
    public int logMaxCharacters() {
        return logMaxCharacters;
    }

    /**
     * Branches and tags a workflow may be triggered on, e.g. {@code main} or {@code release/*}; a
     * {@code *} stands for any characters within one segment (it never matches a {@code /}). Empty: any ref.
     */
    public Set<String> refs() {
        return refs;
    }

    /** Below this many requests left in GitHub's hour, reads are refused so that mutations still get through. */
    public int rateLimitReserve() {
        return rateLimitReserve;
    }

    /** How much of the end of a job log is kept while it downloads. */
    public int logMaxBytes() {
        return logMaxBytes;
    }

    /** The one deadline for a whole log download: connecting, the answer and every byte of the body. */
    public Duration logDownloadTimeout() {
        return logDownloadTimeout;
    }

    private static Set<String> repositories(List<String> entries) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String repository : entries) {
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
        return Collections.unmodifiableSet(allowed);
    }

    private static Set<String> workflows(List<String> entries) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String workflow : entries) {
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
        return Collections.unmodifiableSet(allowed);
    }

    private static String apiVersion(String version) {
        if (!API_VERSION.matcher(version).matches()) {
            throw new InvalidSettingException(PREFIX + ".api-version", "must be a date such as " + DEFAULT_API_VERSION);
        }
        return version;
    }

    private static Set<String> refs(List<String> entries) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String ref : entries) {
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
        return Collections.unmodifiableSet(allowed);
    }
}
