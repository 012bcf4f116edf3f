package org.clouddisk.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose forwarding headers are believed (X-Real-IP, X-Forwarded-For, X-CloudDisk-Dialect): a list of
 * addresses and CIDR ranges, IPv4 or IPv6, such as {@code 127.0.0.1,::1,10.0.0.0/24}.
 */
public final class TrustedProxies {

    /**
     * Only address literals: anything else would be a DNS lookup. IPv4 is matched whole here because the JDK looks up
     * a dotted string that is not a valid literal (999.1.1.1) as a host name; a string with a colon it only parses.
     */
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses the comma-separated list; an entry that is not an address or range fails at start, not per request. */
    public static TrustedProxies parse(String list) {
        return new TrustedProxies(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(TrustedProxies::range).toList());
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = address(slash < 0 ? entry : entry.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an address or CIDR range: " + entry));
        int bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + entry);
        }
        return new Range(network, bits);
    }

    /** The bytes of an IPv4 or IPv6 literal (brackets allowed); empty for anything else, never a DNS lookup. */
    static Optional<byte[]> address(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The client's address: the connection's peer, or, when that peer is a trusted proxy, its X-Real-IP, else the
     * last X-Forwarded-For entry that is not itself a trusted proxy (entries left of it could be the client's own
     * inventions).
     */
    public String clientAddress(String peer, String realIp, String forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        if (realIp != null && address(realIp).isPresent()) {
            return realIp.trim();
        }
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (address(hop).isEmpty()) {
                    break; // garbage: nothing left of it can be believed either
                }
                if (!trusts(hop)) {
                    return hop;
                }
            }
        }
        return peer;
    }

    public boolean trusts(String address) {
        return address(address).map(bytes -> ranges.stream().anyMatch(r -> r.contains(bytes))).orElse(false);
    }
}
