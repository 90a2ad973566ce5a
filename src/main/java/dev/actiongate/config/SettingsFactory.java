package dev.actiongate.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

/**
 * The settings groups as beans. All of them are read together while the application starts, before
 * any other bean: the first bean that needs one, or else start-up itself, reads them all.
 */
@Factory
final class SettingsFactory {

    @Singleton
    SettingsReader reader(Environment environment) {
        return new SettingsReader(environment);
    }

    @Context
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Settings settings(SettingsReader reader) {
        return Settings.read(reader);
    }

    @Singleton
    FunctionRole role(Settings settings) {
        return settings.role();
    }

    @Singleton
    PublicSettings publicSettings(Settings settings) {
        return settings.publicSettings();
    }

    @Singleton
    IdpSettings idp(Settings settings) {
        return settings.idp();
    }

    @Singleton
    GptSettings gpt(Settings settings) {
        return settings.gpt();
    }

    @Singleton
    GithubSettings github(Settings settings) {
        return settings.github();
    }

    @Singleton
    UsageSettings usage(Settings settings) {
        return settings.usage();
    }

    @Singleton
    Secrets secrets(Settings settings) {
        return settings.secrets();
    }

    @Singleton
    OAuthSettings oauth(Settings settings) {
        return settings.oauth();
    }

    @Singleton
    AwsSettings aws(Settings settings) {
        return settings.aws();
    }

    @Singleton
    SsmSettings ssm(Settings settings) {
        return settings.ssm();
    }

    @Singleton
    McpSettings mcp(Settings settings) {
        return settings.mcp();
    }

    @Singleton
    ClientSettings clients(Settings settings) {
        return settings.clients();
    }

    @Singleton
    AdminSettings admin(Settings settings) {
        return settings.admin();
    }
}
