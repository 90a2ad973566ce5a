package dev.actiongate.oauth.clients;

import dev.actiongate.config.ClientSettings;
import dev.actiongate.config.GptSettings;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client directory with public clients a test names, besides what the real one finds: active with
 * {@code actiongate.test.clients}, a list made by {@link #setting}. A test so signs in a client of each kind
 * whatever else the directory knows how to find.
 */
@Singleton
@Replaces(ClientDirectory.class)
@Requires(property = TestClients.PROPERTY)
public final class TestClients extends ClientDirectory {

    public static final String PROPERTY = "actiongate.test.clients";

    @Serdeable
    record Entry(String id, Client.Kind kind, @Nullable String name, List<String> redirectUris, @Nullable String documentHost) {
    }

    private final Map<String, Client> clients = new LinkedHashMap<>();

    TestClients(GptSettings gpt, RedirectUriAllowlist gptRedirects, MetadataDocuments documents, Registrations registrations,
                ClientPolicy policy, ClientSettings settings, PublicBaseUrl baseUrl, JsonMapper json,
                @Property(name = PROPERTY) List<String> entries) {
        super(gpt, gptRedirects, documents, registrations, policy, settings, baseUrl);
        for (String entry : entries) {
            try {
                Entry read = json.readValue(entry, Entry.class);
                clients.put(read.id(), new Client(read.id(), read.kind(), read.name(), read.redirectUris(), read.documentHost()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The value of {@value #PROPERTY} for these clients. */
    public static List<String> setting(Client... clients) {
        JsonMapper json = JsonMapper.createDefault();
        return java.util.Arrays.stream(clients).map(client -> {
            try {
                return json.writeValueAsString(new Entry(client.id(), client.kind(), client.name(), client.redirectUris(), client.documentHost()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Override
    public Client find(HttpRequest<?> request, String clientId) throws OAuthProblem {
        Client client = clients.get(clientId);
        return client != null ? client : super.find(request, clientId);
    }
}
