package dev.actiongate.mcp;

import dev.actiongate.usage.UsageMeter;
import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.web.RequestTally;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call from arguments to result, with the same metering, quota and audit as the REST face: the
 * arguments are checked against the tool's input schema, the call is counted (and refused past the
 * quota), the operation runs, and its answer becomes {@code structuredContent} plus the same JSON as a
 * text block. A refusal is a result with {@code isError} and the sentence the REST face gives.
 */
@Singleton
final class ToolAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ToolAnswers.class);
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final ToolCalls calls;
    private final UsageMeter meter;
    private final JsonMapper json;
    private final JsonSchemaValidator validator;

    ToolAnswers(ToolCalls calls, UsageMeter meter, JsonMapper json, JsonSchemaValidator validator) {
        this.calls = calls;
        this.meter = meter;
        this.json = json;
        this.validator = validator;
    }

    McpSchema.CallToolResult answer(ToolCatalog.Entry tool, McpTransportContext context, McpSchema.CallToolRequest request) {
        McpCall call = (McpCall) context.get(McpCall.KEY);
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        JsonSchemaValidator.ValidationResponse validation = validator.validate(tool.tool().inputSchema(), arguments);
        if (!validation.valid()) {
            return invalid(tool, call, validation.errorMessage());
        }
        long started = System.nanoTime();
        UsageMeter.Admission admission = null;
        int status = 200;
        try {
            if (meter.enabled()) {
                admission = meter.admit(call.caller(), tool.name());
            }
            Object answer = calls.call(tool.name(), call.caller(), new ToolArguments(arguments, tool.properties()), Optional.ofNullable(admission));
            String text = json.writeValueAsString(answer);
            return McpSchema.CallToolResult.builder().structuredContent(json.readValue(text, OBJECT)).addTextContent(text).build();
        } catch (ApiException refused) {
            status = refused.status();
            return refused(refused.getMessage());
        } catch (IOException e) {
            status = ErrorCode.INTERNAL_ERROR.status();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            status = ErrorCode.INTERNAL_ERROR.status();
            LOG.error("Tool {} failed: {}", tool.name(), e.getClass().getSimpleName());
            return refused(ErrorCode.INTERNAL_ERROR.sentence());
        } finally {
            if (admission != null) {
                meter.finish(call.caller(), admission, status, (System.nanoTime() - started) / 1_000_000,
                        RequestTally.githubRequests(call.request()));
            }
        }
    }

    /**
     * Arguments the input schema refuses. Since 2025-11-25 that is a tool execution error the model can
     * read and correct (SEP-1303); a client on 2025-06-18 gets the JSON-RPC invalid-params error its
     * revision prescribes for invalid arguments ("Tools", "Error Handling").
     */
    private static McpSchema.CallToolResult invalid(ToolCatalog.Entry tool, McpCall call, String problem) {
        String sentence = "The arguments for " + tool.name() + " do not fit its input schema: " + problem;
        if (ProtocolVersions.MCP_2025_06_18.equals(call.protocolVersion())) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(sentence).build();
        }
        return refused(sentence);
    }

    private static McpSchema.CallToolResult refused(String sentence) {
        return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(sentence))).isError(true).build();
    }
}
