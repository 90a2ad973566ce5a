package dev.actiongate.oauth.clients;

import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The JVM's resolver (and its cache). */
@Singleton
final class SystemNameResolver implements NameResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
