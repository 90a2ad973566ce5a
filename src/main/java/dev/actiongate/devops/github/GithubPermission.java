package dev.actiongate.devops.github;

/**
 * The fine-grained token permission each kind of call needs, named as GitHub's settings page names it,
 * and whether the call changes something: only those may spend the requests kept in reserve.
 */
public enum GithubPermission {
    ACTIONS_READ("Actions: Read", false),
    ACTIONS_WRITE("Actions: Read and write", true),
    DEPLOYMENTS_READ("Deployments: Read", false);

    private final String label;
    private final boolean writes;

    GithubPermission(String label, boolean writes) {
        this.label = label;
        this.writes = writes;
    }

    public String label() {
        return label;
    }

    public boolean writes() {
        return writes;
    }
}
