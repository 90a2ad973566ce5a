package dev.actiongate.gpt;

import dev.actiongate.web.ApiError;
import dev.actiongate.web.ErrorCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What every operation of the served document has without a line of its own, so that a new operation has
 * it too: the error answers it can give, each with the {@link ApiError} schema ({@code error}, {@code message})
 * and an example, so the model knows a refusal when it sees one; and {@code info.contact}, from the privacy
 * settings. Which answers an operation documents follows from the operation as the build described it: its
 * parameters, its security requirement and its capability (tag).
 */
final class DocumentConventions {

    static final String ERROR_SCHEMA = "ApiError";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String SCHEMAS = "#/components/schemas/";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The error answers, each with the operations it applies to. */
    private enum Answer {
        BAD_REQUEST(ErrorCode.REPO_INVALID, Operation::takesInput,
                "The request is not what this operation takes; the message says what to change."),
        // RFC 6750 §3.1: a missing, expired or foreign token, with a WWW-Authenticate challenge.
        UNAUTHORIZED(ErrorCode.INVALID_TOKEN, Operation::needsSignIn,
                "Not signed in, or the sign-in has expired or is not accepted: sign in again."),
        FORBIDDEN(ErrorCode.INSUFFICIENT_SCOPE, Operation::needsScope,
                "Signed in, but the sign-in lacks this operation's scope, or an admin has not allowed this repository, "
                        + "workflow or ref; the message says which."),
        NOT_FOUND(ErrorCode.NOT_FOUND, "GitHub has no such run in acme/web, or ActionGate's GitHub token cannot see it.",
                Operation::answeredFromGithub, "GitHub has no such repository, workflow, run or job, or ActionGate's GitHub token cannot see it."),
        // Every signed-in call counts against the day's quota; GitHub reads also wait when the shared budget is low.
        TOO_MANY_REQUESTS(ErrorCode.QUOTA_EXCEEDED, Operation::needsSignIn,
                "Today's quota is used up, or the GitHub requests everyone shares are low: try again after Retry-After seconds."),
        BAD_GATEWAY(ErrorCode.GITHUB_UNAVAILABLE, Operation::answeredFromGithub,
                "GitHub failed, or refused ActionGate's own token; the message says whether an admin must act."),
        SERVICE_UNAVAILABLE(ErrorCode.USAGE_UNAVAILABLE, operation -> true,
                "Something ActionGate needs (your identity provider, its usage records, its GitHub connection) is unavailable "
                        + "or not set up yet; the message says which."),
        GATEWAY_TIMEOUT(ErrorCode.GITHUB_TIMEOUT, Operation::answeredFromGithub, "GitHub did not answer in time; try again in a moment.");

        private final ErrorCode example;
        private final String exampleMessage;
        private final Predicate<Operation> appliesTo;
        private final String description;

        Answer(ErrorCode example, Predicate<Operation> appliesTo, String description) {
            this(example, example.sentence(), appliesTo, description);
        }

        Answer(ErrorCode example, String exampleMessage, Predicate<Operation> appliesTo, String description) {
            this.example = example;
            this.exampleMessage = exampleMessage;
            this.appliesTo = appliesTo;
            this.description = description;
        }

        Map<String, Object> response() {
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("schema", Map.of("$ref", SCHEMAS + ERROR_SCHEMA));
            media.put("example", Map.of("error", example.code(), "message", exampleMessage));
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", description);
            if (example.status() == 401 || example.status() == 403) {
                response.put("headers", Map.of("WWW-Authenticate", header("string",
                        "The Bearer challenge (RFC 6750): error, error_description and, on 403, the scope needed.")));
            } else if (example.status() == 429) {
                response.put("headers", Map.of("Retry-After", header("integer", "Seconds to wait before trying again.")));
            }
            response.put("content", Map.of("application/json", media));
            return response;
        }

        private static Map<String, Object> header(String type, String description) {
            return Map.of("description", description, "schema", Map.of("type", type));
        }
    }

    /** One operation as the build described it, with what decides its error answers. */
    private record Operation(Map<String, Object> definition) {

        @SuppressWarnings("unchecked")
        private List<String> scopes() {
            List<Object> security = (List<Object>) definition.getOrDefault("security", List.of());
            List<String> scopes = new ArrayList<>();
            security.forEach(requirement -> ((Map<String, List<String>>) requirement).values().forEach(scopes::addAll));
            return scopes;
        }

        boolean needsSignIn() {
            return !((List<?>) definition.getOrDefault("security", List.of())).isEmpty();
        }

        boolean needsScope() {
            return !scopes().isEmpty();
        }

        boolean takesInput() {
            return !((List<?>) definition.getOrDefault("parameters", List.of())).isEmpty() || definition.containsKey("requestBody");
        }

        /** Its capability (its tag) is one of those answered from GitHub. */
        @SuppressWarnings("unchecked")
        boolean answeredFromGithub() {
            return ((List<String>) definition.getOrDefault("tags", List.of())).stream()
                    .anyMatch(ApiDocumentDefinition.ANSWERED_FROM_GITHUB::contains);
        }
    }

    private DocumentConventions() {
    }

    /** Adds the conventions to a modifiable copy of the document. */
    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> document, PrivacySettings privacy) {
        Map<String, Object> components = (Map<String, Object>) document.computeIfAbsent("components", key -> new LinkedHashMap<>());
        Map<String, Object> schemas = (Map<String, Object>) components.computeIfAbsent("schemas", key -> new LinkedHashMap<>());
        schemas.putIfAbsent(ERROR_SCHEMA, errorSchema());
        ((Map<String, Object>) document.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method) || !(value instanceof Map<?, ?> definition)) {
                return;
            }
            Operation operation = new Operation((Map<String, Object>) definition);
            Map<String, Object> responses = (Map<String, Object>) operation.definition()
                    .computeIfAbsent("responses", key -> new LinkedHashMap<>());
            for (Answer answer : Answer.values()) {
                if (answer.appliesTo.test(operation)) {
                    responses.putIfAbsent(Integer.toString(answer.example.status()), answer.response());
                }
            }
        }));
        ((Map<String, Object>) document.computeIfAbsent("info", key -> new LinkedHashMap<>())).put("contact", contact(privacy));
    }

    private static Map<String, Object> errorSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("error", Map.of("type", "string", "description", "A stable code for the refusal, e.g. insufficient_scope."));
        properties.put("message", Map.of("type", "string",
                "description", "One sentence to read to the person: what happened and what to do next."));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("description", "Every error answer of the API.");
        schema.put("required", List.of("error", "message"));
        schema.put("properties", properties);
        return schema;
    }

    /** Who runs this deployment and, when the privacy settings say, how to reach them: an address, a page, or as written. */
    private static Map<String, Object> contact(PrivacySettings privacy) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", privacy.operator());
        privacy.contact().ifPresent(how -> {
            if (EMAIL.matcher(how).matches()) {
                contact.put("email", how);
            } else if (how.startsWith("https://") || how.startsWith("http://")) {
                contact.put("url", how);
            } else {
                contact.put("name", privacy.operator() + " (" + how + ")");
            }
        });
        return contact;
    }
}
