package dev.actiongate.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Answers of the two browser steps. Until a redirect_uri is trusted an error is a 400 page (HTML for a
 * browser, RFC 6749 JSON otherwise) and never a redirect; after, it goes back to the GPT (§4.1.2.1).
 */
@Singleton
public final class BrowserAnswers {

    private final ObjectMapper json;

    BrowserAnswers(ObjectMapper json) {
        this.json = json;
    }

    public MutableHttpResponse<String> refuse(HttpRequest<?> request, OAuthProblem problem) {
        MutableHttpResponse<String> response = noStore(HttpResponse.status(HttpStatus.BAD_REQUEST));
        boolean browser = request.getHeaders().accept().stream().anyMatch(type -> type.matches(MediaType.TEXT_HTML_TYPE));
        if (browser) {
            return response.contentType(MediaType.TEXT_HTML_TYPE).body(page(problem.description()));
        }
        try {
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(json.writeValueAsString(problem.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MutableHttpResponse<String> redirect(String url, Map<String, String> parameters) {
        return noStore(HttpResponse.<String>status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, QueryString.append(url, parameters)));
    }

    private static MutableHttpResponse<String> noStore(MutableHttpResponse<String> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Referrer-Policy", "no-referrer");
    }

    private static String page(String sentence) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in failed</title></head>"
                + "<body><h1>Sign-in failed</h1><p>" + Html.escape(sentence)
                + "</p><p>Go back to the application you signed in from (ChatGPT, your MCP client) and start the sign-in again.</p></body></html>";
    }
}
