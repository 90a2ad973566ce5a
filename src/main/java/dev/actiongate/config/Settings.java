package dev.actiongate.config;

/**
 * Every settings group, each read and checked once, then what this function needs checked present
 * ({@link RequiredSettings}). Built before any other bean ({@link SettingsFactory}), so a missing or
 * malformed setting stops start-up with its one line instead of failing a request.
 */
record Settings(FunctionRole role, PublicSettings publicSettings, IdpSettings idp, GptSettings gpt, GithubSettings github,
                UsageSettings usage, Secrets secrets, OAuthSettings oauth, AwsSettings aws, SsmSettings ssm, McpSettings mcp,
                ClientSettings clients, AdminSettings admin) {

    static Settings read(SettingsReader settings) {
        FunctionRole role = FunctionRole.read(settings);
        Settings read = new Settings(role, PublicSettings.read(settings), IdpSettings.read(settings), GptSettings.read(settings),
                GithubSettings.read(settings), UsageSettings.read(settings), Secrets.read(settings), OAuthSettings.read(settings),
                AwsSettings.read(settings), SsmSettings.read(settings), McpSettings.read(settings), ClientSettings.read(settings),
                AdminSettings.read(settings));
        RequiredSettings.check(role, settings);
        return read;
    }
}
