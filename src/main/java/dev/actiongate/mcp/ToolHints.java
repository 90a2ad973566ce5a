package dev.actiongate.mcp;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.Map;

/**
 * What each tool does to the world, as MCP's tool annotations say it (clients such as ChatGPT decide from
 * them which plans may call a tool and when to ask the person first): reads touch nothing; triggering and
 * re-running start new work each time (destructive, not idempotent); cancelling twice cancels once
 * (destructive, idempotent). GitHub-backed tools reach an open world; getMe, getUsage and listAuditEvents only ActionGate's.
 */
final class ToolHints {

    private record Hint(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
    }

    private static final Hint READ_GITHUB = new Hint(true, false, true, true);
    private static final Hint READ_ACTIONGATE = new Hint(true, false, true, false);

    private static final Map<String, Hint> HINTS = Map.ofEntries(
            Map.entry("getMe", READ_ACTIONGATE),
            Map.entry("getUsage", READ_ACTIONGATE),
            Map.entry("listAuditEvents", READ_ACTIONGATE),
            Map.entry("listWorkflows", READ_GITHUB),
            Map.entry("listRuns", READ_GITHUB),
            Map.entry("getRun", READ_GITHUB),
            Map.entry("listDeployments", READ_GITHUB),
            Map.entry("getRunLogs", READ_GITHUB),
            Map.entry("triggerWorkflow", new Hint(false, true, false, true)),
            Map.entry("rerunRun", new Hint(false, true, false, true)),
            Map.entry("cancelRun", new Hint(false, true, true, true)));

    private ToolHints() {
    }

    /** An operation without hints is a mistake to find at start-up, not a tool that claims nothing. */
    static McpSchema.ToolAnnotations of(String operationId, String title) {
        Hint hint = HINTS.get(operationId);
        if (hint == null) {
            throw new IllegalStateException("The operation " + operationId + " has no MCP tool hints in ToolHints");
        }
        // The spec gives destructiveHint and idempotentHint meaning only when readOnlyHint is false.
        return new McpSchema.ToolAnnotations(title, hint.readOnly(), hint.readOnly() ? null : hint.destructive(),
                hint.readOnly() ? null : hint.idempotent(), hint.openWorld(), null);
    }
}
