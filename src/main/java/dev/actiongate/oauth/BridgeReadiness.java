package dev.actiongate.oauth;

import dev.actiongate.config.GptSettings;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.config.StateKeySettings;
import dev.actiongate.config.UsageSettings;
import io.micronaut.context.annotation.Context;

/**
 * Where this process runs the bridge, every setting the bridge needs is read while it starts, so a
 * missing client secret stops start-up with its one line instead of failing a person's sign-in. The scope
 * rules are built here too, since one of their checks spans two settings.
 */
@Context
final class BridgeReadiness {

    BridgeReadiness(GptSettings gpt, IdpSettings idp, StateKeySettings stateKey, OAuthSettings oauth, UsageSettings usage,
                    ScopeRequest scopes) {
        gpt.requiredClientId();
        gpt.requiredClientSecret();
        idp.requiredClientId();
        idp.requiredClientSecret();
        idp.authorizationEndpoint();
        idp.tokenEndpoint();
        idp.scopes();
        idp.audienceParameter();
        stateKey.requiredStateKey();
        oauth.signInTimeout();
        oauth.codeLifetime();
        oauth.replayWindow();
        oauth.requestableScopes();
        oauth.defaultScopes();
        oauth.passthroughScopes();
        usage.requiredTable();
        usage.endpoint();
    }
}
