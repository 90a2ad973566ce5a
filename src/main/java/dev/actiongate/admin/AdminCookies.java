package dev.actiongate.admin;

import dev.actiongate.config.AdminSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/**
 * The admin page's two cookies. Both are {@code __Host-} (RFC 6265bis §4.1.3.2: Secure, Path=/, no Domain,
 * so no other host can set or read them), HttpOnly (no script reads them; the page has none anyway), sealed
 * (a tampered or expired one unseals to nothing) and SameSite=Lax: the provider's redirect back is a
 * cross-site top-level navigation, which Lax lets through and Strict would not, while a cross-site POST
 * or subresource request carries neither.
 * <ul>
 *   <li>{@value #SIGN_IN}: the sign-in in progress ({@link PendingAdminSignIn}), for as long as
 *       {@code actiongate.oauth.sign-in-timeout}; the callback finishes a sign-in only in the browser that started it.</li>
 *   <li>{@value #SESSION}: the signed-in person ({@link AdminSession}), for {@code actiongate.admin.session-lifetime}.</li>
 * </ul>
 * Browsers keep {@code Secure} cookies of {@code http://localhost} and {@code http://127.0.0.1} too, as
 * secure contexts, so the local server behaves the same.
 */
@Singleton
final class AdminCookies {

    static final String SESSION = "__Host-actiongate-admin";
    static final String SIGN_IN = "__Host-actiongate-admin-sign-in";

    private final BeanProvider<Sealer> sealer;
    private final AdminSettings settings;
    private final OAuthSettings oauth;
    private final Clock clock;

    /** The sealer is asked for only once the page is set up: its key may be missing on the API function. */
    AdminCookies(BeanProvider<Sealer> sealer, AdminSettings settings, OAuthSettings oauth, Clock clock) {
        this.sealer = sealer;
        this.settings = settings;
        this.oauth = oauth;
        this.clock = clock;
    }

    Cookie session(AdminSession session) {
        String sealed = sealer.get().seal(Sealer.Purpose.ADMIN_SESSION, session, clock.instant().plus(settings.sessionLifetime()));
        return cookie(SESSION, sealed).maxAge(settings.sessionLifetime());
    }

    /** The person signed in with this browser, unless the cookie is absent, altered or expired. */
    Optional<AdminSession> session(HttpRequest<?> request) {
        return unseal(request, SESSION, Sealer.Purpose.ADMIN_SESSION, AdminSession.class);
    }

    Cookie clearedSession() {
        return cookie(SESSION, "").maxAge(0);
    }

    Cookie signIn(PendingAdminSignIn pending) {
        String sealed = sealer.get().seal(Sealer.Purpose.ADMIN_SIGN_IN, pending, clock.instant().plus(oauth.signInTimeout()));
        return cookie(SIGN_IN, sealed).maxAge(oauth.signInTimeout());
    }

    Optional<PendingAdminSignIn> signIn(HttpRequest<?> request) {
        return unseal(request, SIGN_IN, Sealer.Purpose.ADMIN_SIGN_IN, PendingAdminSignIn.class);
    }

    /** The callback clears it: it served its one sign-in. */
    Cookie clearedSignIn() {
        return cookie(SIGN_IN, "").maxAge(0);
    }

    private <T> Optional<T> unseal(HttpRequest<?> request, String name, Sealer.Purpose purpose, Class<T> type) {
        Optional<String> value = request.getCookies().findCookie(name).map(Cookie::getValue).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sealer.get().unseal(purpose, value.get(), type));
        } catch (SealException e) {
            return Optional.empty();
        }
    }

    private static Cookie cookie(String name, String value) {
        return Cookie.of(name, value).secure(true).httpOnly(true).path("/").sameSite(SameSite.Lax);
    }
}
