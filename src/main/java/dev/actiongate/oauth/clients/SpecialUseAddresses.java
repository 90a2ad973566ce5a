package dev.actiongate.oauth.clients;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * RFC 6890 special-use addresses, which a Client ID Metadata Document's host must not resolve to: a
 * document URL is chosen by whoever starts a sign-in, so without this check it would make the bridge call
 * into its own network (server-side request forgery; draft-ietf-oauth-client-id-metadata-document §6.6).
 * IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 */
final class SpecialUseAddresses {

    private SpecialUseAddresses() {
    }

    static boolean isSpecialUse(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return ipv6(bytes);
        }
        return true;
    }

    static boolean isLoopback(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return u(bytes[0]) == 127;
        }
        if (zero(bytes, 0, 10) && u(bytes[10]) == 0xff && u(bytes[11]) == 0xff) {
            return u(bytes[12]) == 127;
        }
        return address.isLoopbackAddress();
    }

    private static boolean ipv4(byte[] b) {
        int a = u(b[0]);
        int second = u(b[1]);
        int third = u(b[2]);
        return a == 0                                       // "this network", RFC 791
                || a == 10                                  // private, RFC 1918
                || a == 100 && (second & 0xc0) == 64        // shared address space (CGNAT), RFC 6598
                || a == 127                                 // loopback, RFC 1122
                || a == 169 && second == 254                // link local, RFC 3927
                || a == 172 && (second & 0xf0) == 16        // private, RFC 1918
                || a == 192 && second == 0 && third == 0    // IETF protocol assignments, RFC 6890
                || a == 192 && second == 0 && third == 2    // TEST-NET-1, RFC 5737
                || a == 192 && second == 88 && third == 99  // 6to4 relay anycast, RFC 7526
                || a == 192 && second == 168                // private, RFC 1918
                || a == 198 && (second & 0xfe) == 18        // benchmarking, RFC 2544
                || a == 198 && second == 51 && third == 100 // TEST-NET-2, RFC 5737
                || a == 203 && second == 0 && third == 113  // TEST-NET-3, RFC 5737
                || a >= 224;                                // multicast (224/4), reserved (240/4), broadcast
    }

    private static boolean ipv6(byte[] b) {
        if (zero(b, 0, 10) && u(b[10]) == 0xff && u(b[11]) == 0xff) {
            return ipv4(new byte[]{b[12], b[13], b[14], b[15]}); // IPv4-mapped ::ffff:0:0/96, RFC 4291 §2.5.5.2
        }
        if (u(b[0]) == 0x00 && u(b[1]) == 0x64 && u(b[2]) == 0xff && u(b[3]) == 0x9b) {
            if (zero(b, 4, 12)) {
                return ipv4(new byte[]{b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96, RFC 6052 §2.1
            }
            if (u(b[4]) == 0x00 && u(b[5]) == 0x01) {
                // local-use NAT64 64:ff9b:1::/48, RFC 8215: the IPv4 address sits in bytes 6, 7, 9, 10 (RFC 6052 §2.2)
                return ipv4(new byte[]{b[6], b[7], b[9], b[10]});
            }
            return true;
        }
        if (u(b[0]) == 0x20 && u(b[1]) == 0x02) {
            return ipv4(new byte[]{b[2], b[3], b[4], b[5]}); // 6to4 2002::/16, RFC 3056
        }
        if ((u(b[0]) & 0xe0) != 0x20) {
            // outside global unicast 2000::/3 (RFC 4291 §2.4): ::, ::1, fc00::/7, fe80::/10, ff00::/8, 100::/64, ...
            return true;
        }
        return u(b[0]) == 0x20 && u(b[1]) == 0x01 && u(b[2]) <= 0x01        // IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID)
                || u(b[0]) == 0x20 && u(b[1]) == 0x01 && u(b[2]) == 0x0d && u(b[3]) == 0xb8 // documentation 2001:db8::/32, RFC 3849
                || u(b[0]) == 0x3f && (u(b[1]) & 0xf0) == 0xf0;                // documentation 3fff::/20, RFC 9637
    }

    /** Whether bytes {@code from} up to {@code to} (exclusive) are all zero. */
    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int u(byte value) {
        return value & 0xff;
    }
}
