package dev.actiongate.oauth;

import dev.actiongate.web.BodyLength;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The raw body of the bridge's form POSTs ({@code /token}, the consent answer), at most {@link FormParameters#MAX_LENGTH}. */
final class RawFormBody {

    private RawFormBody() {
    }

    /**
     * The body as sent: the Lambda adapter would hand a form body over already split on commas. Refused
     * unread when it says it is too large; the local server stops reading a longer chunked one itself.
     */
    static String read(ServerHttpRequest<?> request, String path) throws OAuthProblem {
        if (BodyLength.declared(request) > FormParameters.MAX_LENGTH) {
            throw tooLarge(path);
        }
        // FASTEST: the request's own copy is never read, and by default it would hold back a long chunked body.
        try (CloseableAvailableByteBody body = request.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)
                .buffer().get(10, TimeUnit.SECONDS)) {
            if (body.length() > FormParameters.MAX_LENGTH) {
                throw tooLarge(path);
            }
            return new String(body.toByteArray(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ContentLengthExceededException) {
                throw tooLarge(path);
            }
            throw OAuthProblem.invalidRequest("The request body could not be read.");
        } catch (TimeoutException e) {
            throw OAuthProblem.invalidRequest("The request body could not be read.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthProblem.invalidRequest("The request body could not be read.");
        }
    }

    private static OAuthProblem tooLarge(String path) {
        return OAuthProblem.tooLarge("The request body is larger than the "
                + BodyLength.readable(FormParameters.MAX_LENGTH) + " ActionGate accepts at " + path + ".");
    }

}
