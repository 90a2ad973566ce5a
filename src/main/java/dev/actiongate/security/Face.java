package dev.actiongate.security;

import java.util.Locale;

/** The way a call reached the operations: the GPT Action's REST API, or the MCP server. */
public enum Face {
    GPT,
    MCP;

    /** The path prefix the face is served under. */
    public static Face of(String path) {
        return path.equals("/mcp") || path.startsWith("/mcp/") ? MCP : GPT;
    }

    /** As usage and the audit trail name it: {@code gpt} or {@code mcp}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
