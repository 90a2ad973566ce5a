package dev.actiongate.config;

/**
 * The secrets of the configuration contract and where each lives in SSM Parameter Store on AWS:
 * {@code /actiongate/{stage}/{function}/{name}}. Each function may read only its own folder.
 */
public enum SecretParameter {
    IDP_CLIENT_SECRET("actiongate.idp.client-secret", Function.OAUTH, "idp-client-secret"),
    GPT_CLIENT_SECRET("actiongate.gpt.client-secret", Function.OAUTH, "gpt-client-secret"),
    STATE_KEY("actiongate.state-key", Function.OAUTH, "state-key"),
    /** Optional: without it the GitHub operations answer 503 saying what to set, so the API can go live first. */
    GITHUB_TOKEN("actiongate.github.token", Function.API, "github-token"),
    /**
     * Optional, for the admin page: the API function signs admins in as the same client at the provider, and
     * reads only its own folder, so it keeps its own copy of the client secret. Without it (or the key below)
     * {@code /admin} says what to set.
     */
    ADMIN_IDP_CLIENT_SECRET("actiongate.idp.client-secret", Function.API, "idp-client-secret"),
    /** Optional, for the admin page: the key its sign-in state and session cookie are sealed with; a key of its own, not the bridge's. */
    ADMIN_STATE_KEY("actiongate.state-key", Function.API, "state-key");

    /** The two Lambda functions, named as in template.yaml and in the SSM folders. */
    public enum Function {
        OAUTH("OAuthFunction", "oauth"),
        API("ApiFunction", "api");

        private final String templateName;
        private final String folder;

        Function(String templateName, String folder) {
            this.templateName = templateName;
            this.folder = folder;
        }

        public String templateName() {
            return templateName;
        }

        public String folder() {
            return folder;
        }
    }

    private final String property;
    private final Function function;
    private final String name;

    SecretParameter(String property, Function function, String name) {
        this.property = property;
        this.function = function;
        this.name = name;
    }

    public String parameterName() {
        return name;
    }

    /** Whether its function cannot start without it ({@link RequiredSettings}), so that SSM must hold it. */
    public boolean required() {
        return RequiredSettings.requires(function, property);
    }

    public String property() {
        return property;
    }

    public Function function() {
        return function;
    }

    /** The parameter's full path for a stage, e.g. {@code /actiongate/prod/oauth/state-key}. */
    public String path(String stage) {
        return "/actiongate/" + stage + "/" + function.folder() + "/" + name;
    }
}
