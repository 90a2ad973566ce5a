package dev.actiongate.oauth.clients;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6890's special-use ranges, each at its edges, and the IPv6 forms that carry an IPv4 address. */
class SpecialUseAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.255.255.255",                 // this network
            "10.0.0.0", "10.255.255.255",               // private
            "100.64.0.0", "100.127.255.255",            // CGNAT
            "127.0.0.1", "127.255.255.255",             // loopback
            "169.254.0.1", "169.254.169.254",           // link local, the cloud metadata service
            "172.16.0.0", "172.31.255.255",             // private
            "192.0.0.0", "192.0.0.255",                 // IETF protocol assignments
            "192.0.2.1", "198.51.100.1", "203.0.113.1", // TEST-NETs
            "192.88.99.1",                              // 6to4 relay anycast
            "192.168.0.1", "192.168.255.255",           // private
            "198.18.0.0", "198.19.255.255",             // benchmarking
            "224.0.0.1", "239.255.255.255",             // multicast
            "240.0.0.1", "255.255.255.254",             // reserved
            "255.255.255.255",                          // broadcast
            "::", "::1",                                // unspecified, loopback
            "fc00::1", "fdff:ffff::1",                  // unique local
            "fe80::1", "febf::1",                       // link local
            "fec0::1",                                  // site local (deprecated)
            "ff02::1", "ff0e::1",                       // multicast
            "100::1",                                   // discard-only
            "2001:db8::1", "2001:db8:ffff::1",          // documentation
            "3fff::1",                                  // documentation (RFC 9637)
            "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
            "2001:2::1", "2001:10::1",                  // benchmarking, ORCHID
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", // IPv4-mapped
            "::127.0.0.1",                              // IPv4-compatible (deprecated)
            "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::c0a8:101",        // NAT64 of loopback, private
            "64:ff9b:1:7f00:0:100::", "64:ff9b:1:a00:0:100::",                // local-use NAT64 of loopback, private
            "64:ff9b:2::1",                             // the rest of 64:ff9b::/32 is not assigned
            "2002:7f00:1::1", "2002:a00:1::1", "2002:c0a8:101::1" // 6to4 of loopback and private
    })
    void specialUseAddressesAreRefused(String address) throws UnknownHostException {
        assertTrue(SpecialUseAddresses.isSpecialUse(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
            "192.0.1.1", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "2606:4700:4700::1111", "2a00:1450:4001::1", "2001:4860:4860::8888", "2001:200::1",
            "::ffff:1.1.1.1", "64:ff9b::808:808", "64:ff9b:1:808:0:800::", "2002:808:808::1"
    })
    void globalAddressesAreCalled(String address) throws UnknownHostException {
        assertFalse(SpecialUseAddresses.isSpecialUse(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"})
    void loopbackInEachFormIsLoopback(String address) throws UnknownHostException {
        assertTrue(SpecialUseAddresses.isLoopback(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "::", "fe80::1", "64:ff9b::7f00:1"})
    void otherSpecialUseAddressesAreNotLoopback(String address) throws UnknownHostException {
        assertFalse(SpecialUseAddresses.isLoopback(InetAddress.getByName(address)), address);
    }
}
