package dev.actiongate.oauth.clients;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * A resolver that knows the names {@code actiongate.test.names} gives ({@code name=address,...}) and asks the
 * JVM for the rest: so a test can make a public-looking name resolve to a special-use address.
 */
@Singleton
@Replaces(SystemNameResolver.class)
@Requires(property = "actiongate.test.names")
final class FixedNames implements NameResolver {

    private final Map<String, String> names = new HashMap<>();

    FixedNames(@Property(name = "actiongate.test.names") String names) {
        for (String entry : names.split(",")) {
            String[] pair = entry.trim().split("=", 2);
            this.names.put(pair[0], pair[1]);
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String address = names.get(host);
        if (address == null) {
            return InetAddress.getAllByName(host);
        }
        return new InetAddress[]{InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())};
    }
}
