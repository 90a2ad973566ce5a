package dev.actiongate.devops;

import dev.actiongate.web.ErrorCode;

import java.util.regex.Pattern;

/**
 * A workflow as GitHub's URLs name it: its file name (e.g. deploy.yml) or its numeric id. It becomes a
 * path segment of the request to GitHub, so "." and ".." (which would climb the path) are refused.
 */
final class WorkflowId {

    private static final Pattern FILE_OR_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private WorkflowId() {
    }

    static String check(String workflow) {
        // RFC 3986 §5.2.4: dot segments are removed from a path, so .. would reach another GitHub resource.
        if (workflow == null || !FILE_OR_ID.matcher(workflow).matches() || workflow.equals(".") || workflow.equals("..")) {
            throw ErrorCode.WORKFLOW_INVALID.refusal("Name the workflow by its file name, e.g. deploy.yml, or its id.");
        }
        return workflow;
    }
}
