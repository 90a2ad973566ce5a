package dev.actiongate.testing;

import io.micronaut.core.annotation.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The identity provider and the gates a test class starts, as one JUnit extension: the provider before
 * the first test, each gate when a test first asks for it, on the provider's settings plus the class's
 * overrides, and all of them closed after the last test, gates first, whatever failed to start.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Gates gates = Gates.withProvider().with("actiongate.github.repositories", "acme/web");
 *
 * private final TestIdentityProvider idp = gates.provider();
 * private final HttpTransport gate = gates.http();
 *
 * static Stream<Arguments> both() {
 *     return gates.both();
 * }
 * }</pre>
 *
 * Gates start when first asked for, so a class starts only those its tests use, and a setting may name
 * a server the class starts in its own {@code @BeforeAll}. A class that needs a second configuration asks
 * for {@link #sameProvider()}: more gates on the same provider, closed with these.
 */
public final class Gates implements BeforeAllCallback, AfterAllCallback {

    private final Owner owner;
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private @Nullable HttpTransport http;
    private @Nullable LambdaTransport lambda;

    private Gates(Owner owner) {
        this.owner = owner;
        owner.configurations.add(this);
    }

    /** Gates on a provider that signs a person in without a page. */
    public static Gates withProvider() {
        return new Gates(new Owner(false));
    }

    /** Gates on a provider with a sign-in page that rotates refresh tokens: see {@link TestIdentityProvider#withSignInPage()}. */
    public static Gates withSignInPage() {
        return new Gates(new Owner(true));
    }

    /** Sets one setting for every gate of this configuration; only before the first of them starts. */
    public Gates with(String name, Object value) {
        synchronized (owner) {
            if (http != null || lambda != null) {
                throw new IllegalStateException("a gate has started already; set " + name + " where the gates are declared");
            }
            overrides.put(name, value);
        }
        return this;
    }

    /** A setting known only once the class's own servers run (a WireMock URL): read when a gate starts. */
    public Gates with(String name, Supplier<?> value) {
        return with(name, (Object) value);
    }

    /** Other gates on the same provider, on its settings and the overrides given to them (not this configuration's). */
    public Gates sameProvider() {
        return new Gates(owner);
    }

    public TestIdentityProvider provider() {
        synchronized (owner) {
            if (owner.provider == null) {
                owner.provider = owner.signInPage ? TestIdentityProvider.withSignInPage() : new TestIdentityProvider();
            }
            return owner.provider;
        }
    }

    /** What this configuration's gates start on, for a test that starts (and closes) one of its own. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(provider().settings());
        overrides.forEach((name, value) -> settings.put(name, value instanceof Supplier<?> later ? later.get() : value));
        return settings;
    }

    /** The local server over HTTP. */
    public HttpTransport http() {
        synchronized (owner) {
            if (http == null) {
                http = new HttpTransport(settings());
            }
            return http;
        }
    }

    /** The server behind {@link #http()}, for a test that sends its own requests or reads a bean. */
    public RunningActionGate server() {
        return http().server();
    }

    /** The Lambda handler fed API Gateway events. */
    public LambdaTransport lambda() {
        synchronized (owner) {
            if (lambda == null) {
                lambda = new LambdaTransport(settings());
            }
            return lambda;
        }
    }

    /** ("HTTP", {@link #http()}) and ("Lambda", {@link #lambda()}), for a test that runs the same calls both ways. */
    public Stream<Arguments> both() {
        return Stream.of(Arguments.of("HTTP", http()), Arguments.of("Lambda", lambda()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        provider();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RuntimeException failure = null;
        synchronized (owner) {
            for (Gates configuration : owner.configurations) {
                failure = closing(configuration.http, failure);
                failure = closing(configuration.lambda, failure);
                configuration.http = null;
                configuration.lambda = null;
            }
            failure = closing(owner.provider, failure);
            owner.provider = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes one thing and keeps going: the first failure is thrown at the end, the others added to it. */
    private static @Nullable RuntimeException closing(@Nullable AutoCloseable started, @Nullable RuntimeException earlier) {
        if (started == null) {
            return earlier;
        }
        try {
            started.close();
            return earlier;
        } catch (Exception e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            if (earlier == null) {
                return failure;
            }
            earlier.addSuppressed(failure);
            return earlier;
        }
    }

    /** What the configurations of one test class share: the provider, and which gates to close. */
    private static final class Owner {
        private final boolean signInPage;
        private final List<Gates> configurations = new ArrayList<>();
        private @Nullable TestIdentityProvider provider;

        Owner(boolean signInPage) {
            this.signInPage = signInPage;
        }
    }
}
