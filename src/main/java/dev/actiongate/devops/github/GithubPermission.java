package dev.actiongate.devops.github;

/** The fine-grained token permission each kind of call needs, named as GitHub's settings page names it. */
public enum GithubPermission {
    ACTIONS_READ("Actions: Read"),
    ACTIONS_WRITE("Actions: Read and write"),
    DEPLOYMENTS_READ("Deployments: Read");

    private final String label;

    GithubPermission(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
