package dev.actiongate.gpt;

import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/** The schema a GPT Action imports: paste {@code <base>/openapi.json} into "Import from URL". */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class OpenApiController {

    private static final MediaType YAML = MediaType.of("application/yaml");

    private final OpenApiDocument document;
    private final PublicBaseUrl baseUrl;

    OpenApiController(OpenApiDocument document, PublicBaseUrl baseUrl) {
        this.document = document;
        this.baseUrl = baseUrl;
    }

    @Get(value = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> json(HttpRequest<?> request) {
        return HttpResponse.ok(document.json(baseUrl.of(request))).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(value = "/openapi.yaml", produces = "application/yaml")
    HttpResponse<String> yaml(HttpRequest<?> request) {
        return HttpResponse.ok(document.yaml(baseUrl.of(request))).contentType(YAML);
    }
}
