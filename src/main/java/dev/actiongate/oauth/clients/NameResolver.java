package dev.actiongate.oauth.clients;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the host of a Client ID Metadata Document is resolved: once, before the addresses are checked, so
 * that the connection goes to an address that was checked (no second lookup a rebinding name could change).
 * A bean, so that a test can make a name resolve to a special-use address.
 */
public interface NameResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
