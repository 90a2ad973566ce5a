package dev.actiongate.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

import java.util.Map;

/**
 * What the SDK's server checks with a schema validator: each tool's input and output schemas once, when
 * the server is built (they must be JSON Schema 2020-12, SEP-1613), but not each answer against its
 * output schema. An answer is a record serialized by the serializer whose annotations the output schema
 * was generated from, so checking it again on every call would only add latency; clients that validate
 * (the SDK's client in the tests does) would see a mismatch.
 */
final class ToolSchemaCheck implements JsonSchemaValidator {

    private final JsonSchemaValidator validator;

    ToolSchemaCheck(JsonSchemaValidator validator) {
        this.validator = validator;
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return validator.validateSchema(schema);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return ValidationResponse.asValid(null);
    }
}
