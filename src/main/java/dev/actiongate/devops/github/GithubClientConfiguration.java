package dev.actiongate.devops.github;

import dev.actiongate.config.GithubSettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.client.ServiceHttpClientConfiguration;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Points the GitHub client at {@code actiongate.github.api-url}, keeping its path: GitHub Enterprise
 * Server serves the API under {@code /api/v3}, which a client path starting with "/" would replace.
 */
@Singleton
final class GithubClientConfiguration implements BeanCreatedEventListener<ServiceHttpClientConfiguration> {

    private final GithubSettings settings;

    GithubClientConfiguration(GithubSettings settings) {
        this.settings = settings;
    }

    @Override
    public ServiceHttpClientConfiguration onCreated(BeanCreatedEvent<ServiceHttpClientConfiguration> event) {
        ServiceHttpClientConfiguration configuration = event.getBean();
        if (GithubApi.SERVICE.equals(configuration.getServiceId())) {
            URI api = settings.apiUrl();
            configuration.setUrl(URI.create(api.getScheme() + "://" + api.getRawAuthority()));
            String path = api.getRawPath() == null ? "" : api.getRawPath().replaceAll("/+$", "");
            if (!path.isEmpty()) {
                configuration.setPath(path);
            }
        }
        return configuration;
    }
}
