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
    GITHUB_TOKEN("actiongate.github.token", Function.API, "github-token");

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
