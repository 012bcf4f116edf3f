package org.clouddisk.web;

import org.clouddisk.platform.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, ::1, 10.1.0.0/16, 192.168.7.128/25, fd00::/8");

    @Test
    void trustsExactlyTheListedAddressesAndRanges() {
        assertTrue(proxies.trusts("127.0.0.1"));
        assertFalse(proxies.trusts("127.0.0.2"), "a single address is a /32, not the loopback range");
        assertTrue(proxies.trusts("::1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"), "the form the servlet container reports");
        assertTrue(proxies.trusts("10.1.255.3"));
        assertFalse(proxies.trusts("10.2.0.1"));
        assertTrue(proxies.trusts("192.168.7.200"));
        assertFalse(proxies.trusts("192.168.7.127"), "just below a range that does not start on a byte");
        assertTrue(proxies.trusts("fd12:3456::1"));
        assertFalse(proxies.trusts("fe80::1"));
        assertFalse(proxies.trusts("::ffff:10.2.0.1"), "an IPv4-mapped address is its IPv4 address");
        assertTrue(proxies.trusts("::ffff:10.1.0.9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "999.1.1.1", "10.1.0", "1.2.3.4.5", "10.1.0.1x", "::g", "[::1"})
    void neverTrustsWhatIsNotAnAddressLiteral(String text) {
        assertFalse(proxies.trusts(text));
    }

    @Test
    void refusesAMalformedListAtStart() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("127.0.0.1,nginx.local"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("::/129"));
    }

    @Test
    void aDirectClientIsItsPeerWhateverItsHeadersClaim() {
        assertEquals("203.0.113.9", proxies.clientAddress("203.0.113.9", "127.0.0.1", "127.0.0.1"));
    }

    @Test
    void aTrustedProxyNamesTheClientByXRealIpFirst() {
        assertEquals("198.51.100.7", proxies.clientAddress("127.0.0.1", "198.51.100.7", "203.0.113.1, 198.51.100.7"));
        assertEquals("2001:db8::5", proxies.clientAddress("::1", " 2001:db8::5 ", null));
    }

    @Test
    void xForwardedForIsReadFromTheRightPastTrustedHops() {
        // The client put 6.6.6.6 in its own header; nginx appended the real peer; an inner proxy appended itself.
        assertEquals("198.51.100.7", proxies.clientAddress("127.0.0.1", null, "6.6.6.6, 198.51.100.7, 10.1.0.5"));
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", null, "10.1.0.5"), "only proxies: the peer");
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", "not-an-ip", "garbage, 10.1.0.5"));
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", null, null));
    }

    @Test
    void anyClientMayAskForTheSeedDialectOnlyATrustedProxyForTheClassicOne() {
        assertEquals(Dialect.SEED, ClientRequests.choose("seed", false, Dialect.CLASSIC));
        assertEquals(Dialect.CLASSIC, ClientRequests.choose("classic", true, Dialect.SEED));
        assertEquals(Dialect.SEED, ClientRequests.choose("classic", false, Dialect.SEED), "not from a client");
        assertEquals(Dialect.CLASSIC, ClientRequests.choose("qt", true, Dialect.CLASSIC), "unknown: the deployment's");
    }
}
