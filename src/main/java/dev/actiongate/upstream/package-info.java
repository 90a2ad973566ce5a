/**
 * The team's OpenID provider, as both the bridge and the resource server rely on it: its discovery
 * document, its token endpoint, how its tokens carry scopes. Imports {@code config} and {@code web}.
 */
package dev.actiongate.upstream;
