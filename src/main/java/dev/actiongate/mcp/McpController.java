package dev.actiongate.mcp;

import dev.actiongate.security.Caller;
import dev.actiongate.security.Challenges;
import dev.actiongate.telemetry.AccessLog;
import dev.actiongate.web.ApiAnswers;
import dev.actiongate.web.RequestTally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /mcp}: MCP's Streamable HTTP transport, stateless and JSON-only (API Gateway's HTTP APIs cannot
 * stream): each POST carries one JSON-RPC message and gets one JSON answer, no session is issued, and any
 * instance can answer any request. A request is answered by the SDK's stateless server; a notification or
 * a response with 202 and no body. A tool the caller's token lacks the scope for is refused here, before
 * the SDK, with HTTP 403 and a challenge the client can step up from (MCP "Authorization", scope challenge).
 */
@Controller(McpController.PATH)
@Hidden
final class McpController {

    static final String PATH = "/mcp";
    /** MCP 2025-06-18, "Protocol Version Header". */
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";

    private final McpTransport transport;
    private final McpJsonMapper json;
    private final ToolCatalog tools;
    private final Challenges challenges;
    private final RpcErrors errors;

    /** @param server the SDK's server, which installs its handler in the transport when it is built */
    McpController(McpStatelessSyncServer server, McpTransport transport, McpJsonMapper json, ToolCatalog tools, Challenges challenges,
                  RpcErrors errors) {
        this.transport = transport;
        this.json = json;
        this.tools = tools;
        this.challenges = challenges;
        this.errors = errors;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    MutableHttpResponse<?> message(HttpRequest<?> request, @Nullable @Body String body, Caller caller) {
        // One copy of the headers: on Lambda, each getHeaders() call builds them anew from the event.
        HttpHeaders headers = request.getHeaders();
        String protocolVersion = headers.get(PROTOCOL_VERSION);
        if (!headers.contentType().map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)).orElse(false)) {
            return rpcError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Send the JSON-RPC message as application/json.");
        }
        if (!acceptsJson(headers)) {
            return rpcError(HttpStatus.NOT_ACCEPTABLE, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "ActionGate answers with application/json only; it does not stream.");
        }
        String text = body == null ? "" : body.strip();
        if (text.startsWith("[")) {
            // MCP 2025-06-18 removed JSON-RPC batching; every POST holds one message.
            return rpcError(HttpStatus.BAD_REQUEST, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Send one JSON-RPC message per request; batches are not supported.");
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, text);
        } catch (IOException | RuntimeException e) {
            return rpcError(HttpStatus.BAD_REQUEST, text.startsWith("{") ? McpSchema.ErrorCodes.INVALID_REQUEST
                    : McpSchema.ErrorCodes.PARSE_ERROR, "The body is not a JSON-RPC 2.0 message.");
        }
        if (!(message instanceof McpSchema.JSONRPCRequest call)) {
            // Notifications and responses need no answer (MCP "Sending Messages to the Server").
            return HttpResponse.accepted();
        }
        if (protocolVersion != null && !McpTransport.VERSIONS.contains(protocolVersion)
                && !McpSchema.METHOD_INITIALIZE.equals(call.method())) {
            // MCP 2025-06-18, "Protocol Version Header": an unsupported version is a 400.
            return rpcError(HttpStatus.BAD_REQUEST, call.id(), McpSchema.ErrorCodes.INVALID_REQUEST, "MCP-Protocol-Version "
                    + protocolVersion + " is not served here; ActionGate speaks " + String.join(" and ", McpTransport.VERSIONS) + ".");
        }
        if (McpSchema.METHOD_TOOLS_CALL.equals(call.method())) {
            Optional<MutableHttpResponse<?>> refused = scopeRefusal(request, call, caller);
            if (refused.isPresent()) {
                return refused.get();
            }
            RequestTally.start(request);
        }
        McpCall context = new McpCall(caller, request, protocolVersion);
        McpSchema.JSONRPCResponse answer = transport.handler()
                .handleRequest(McpTransportContext.create(Map.of(McpCall.KEY, context)), call)
                .block();
        return HttpResponse.ok(McpTransport.written(json, answer)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** A stateless server offers no stream to GET and has no session to DELETE (MCP "Listening for Messages", "Session Management"). */
    @Get(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Secured(SecurityRule.IS_ANONYMOUS)
    MutableHttpResponse<?> stream() {
        return methodNotAllowed("There is no stream to listen to: ActionGate's MCP server answers each POST with JSON.");
    }

    @Delete(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Secured(SecurityRule.IS_ANONYMOUS)
    MutableHttpResponse<?> endSession() {
        return methodNotAllowed("There is no session to end: ActionGate's MCP server is stateless.");
    }

    /** A browser's CORS preflight; {@link McpOrigins} adds the headers that let an allowed origin through. */
    @Options
    @Secured(SecurityRule.IS_ANONYMOUS)
    MutableHttpResponse<?> preflight() {
        return HttpResponse.noContent();
    }

    private Optional<MutableHttpResponse<?>> scopeRefusal(HttpRequest<?> request, McpSchema.JSONRPCRequest call, Caller caller) {
        // A malformed call (no params object, no name) is left to the SDK to answer.
        Object name = call.params() instanceof Map<?, ?> params ? params.get("name") : null;
        var found = tools.find(name instanceof String text ? text : null);
        // A tool of the catalogue only: the access line's operation (and the Call metric's) stays a bounded value.
        found.ifPresent(known -> AccessLog.operationIs(request, (String) name));
        return found
                .filter(tool -> !tool.scopes().stream().allMatch(caller::may))
                .map(tool -> ApiAnswers.of(challenges.insufficientScope(request, tool.scopes())));
    }

    private static boolean acceptsJson(HttpHeaders headers) {
        List<MediaType> accepted = headers.accept();
        return accepted.isEmpty() || accepted.stream().anyMatch(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)
                || type.getName().equals(MediaType.ALL));
    }

    private MutableHttpResponse<?> methodNotAllowed(String sentence) {
        return rpcError(HttpStatus.METHOD_NOT_ALLOWED, McpSchema.ErrorCodes.INVALID_REQUEST, sentence)
                .header(HttpHeaders.ALLOW, "POST");
    }

    private MutableHttpResponse<?> rpcError(HttpStatus status, int code, String sentence) {
        return errors.of(status, code, sentence);
    }

    private MutableHttpResponse<?> rpcError(HttpStatus status, Object id, int code, String sentence) {
        return errors.of(status, id, code, sentence);
    }
}
