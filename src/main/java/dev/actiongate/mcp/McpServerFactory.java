package dev.actiongate.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;

/** The SDK's stateless MCP server with ActionGate's tools, its JSON mapper and schema validator, and the transport. */
@Factory
final class McpServerFactory {

    static final String NAME = "ActionGate";
    static final String INSTRUCTIONS = "Operate the team's GitHub Actions CI/CD for the signed-in person: list workflows, runs "
            + "and deployments, read job logs, trigger, cancel or re-run workflows (each audited), and see usage. Repositories are "
            + "written owner/name. Trigger, cancel and re-run change things: ask the person first.";

    @Singleton
    McpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    @Singleton
    JsonSchemaValidator validator() {
        return new DefaultJsonSchemaValidator(new ObjectMapper());
    }

    @Singleton
    McpTransport transport() {
        return new McpTransport();
    }

    @Singleton
    @Bean(preDestroy = "close")
    McpStatelessSyncServer server(McpTransport transport, McpJsonMapper mapper, JsonSchemaValidator validator, ToolCatalog catalog,
                                  ToolAnswers answers) {
        return McpServer.sync(transport)
                .serverInfo(NAME, version())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                .jsonSchemaValidator(new ToolSchemaCheck(validator))
                // The arguments are checked by ToolAnswers, which answers each revision as it prescribes.
                .validateToolInputs(false)
                // On the request's own thread: the operations meter and count on it.
                .immediateExecution(true)
                .tools(catalog.entries().stream().map(entry -> new McpStatelessServerFeatures.SyncToolSpecification(entry.tool(),
                        (context, request) -> answers.answer(entry, context, request))).toList())
                .build();
    }

    private static String version() {
        String version = McpServerFactory.class.getPackage().getImplementationVersion();
        return version == null ? "1" : version;
    }
}
