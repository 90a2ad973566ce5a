package dev.actiongate.security;

import java.util.List;

/** The OAuth scopes of the API and how a token carries them. */
public final class Scopes {

    public static final String WORKFLOWS_READ = "workflows:read";
    public static final String WORKFLOWS_TRIGGER = "workflows:trigger";
    public static final String DEPLOYMENTS_READ = "deployments:read";
    public static final String LOGS_READ = "logs:read";
    public static final String ANALYTICS_READ = "analytics:read";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(WORKFLOWS_READ, WORKFLOWS_TRIGGER, DEPLOYMENTS_READ, LOGS_READ,
            ANALYTICS_READ, ADMIN);

    private Scopes() {
    }
}
