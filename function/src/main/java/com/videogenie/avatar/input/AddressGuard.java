package com.videogenie.avatar.input;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which addresses a download (or a service's callback) may connect to: only public ones. Loopback, link-local (which
 * holds the cloud metadata endpoint 169.254.169.254), private, carrier-grade NAT, unique-local,
 * multicast and reserved ranges are internal, so a request cannot make the service reach hosts
 * inside its network.
 */
public final class AddressGuard {
    private AddressGuard() {
    }

    /**
     * Refuses a URL whose host resolves to an internal address, unless the host is in
     * {@code allowedHosts} (names or IP literals, lower case). Callbacks are checked with it when a
     * request arrives, to fail before any work; the connections themselves go through
     * {@link GuardedDnsResolver}, which checks the very addresses they use.
     *
     * @param what the field name, for error messages ("avatarUrl")
     */
    public static void checkHost(URI url, Set<String> allowedHosts, String what) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + ": the URL has no host: " + url);
        }
        if (allowedHosts.contains(bare(host).toLowerCase(Locale.ROOT))) {
            return;
        }
        try {
            resolveChecked(host, allowedHosts, HostResolver.SYSTEM);
        } catch (RefusedAddressException e) {
            throw refusal(what, host, e.address());
        } catch (UnknownHostException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": unknown host " + host + ".", e);
        }
    }

    /**
     * Resolves {@code host} once and returns its addresses, refusing internal ones unless the host
     * is in {@code allowedHosts}: the one lookup both the early check and the connections use.
     */
    static InetAddress[] resolveChecked(String host, Set<String> allowedHosts, HostResolver resolver)
            throws UnknownHostException {
        String bare = bare(host);
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (!allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new RefusedAddressException(bare, address);
                }
            }
        }
        return addresses;
    }

    /** An IPv6 literal without its URL brackets. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The error for {@code host} resolving to the internal {@code address}. */
    public static AvatarException refusal(String what, String host, InetAddress address) {
        return new AvatarException(ErrorCode.PATH_NOT_ALLOWED, what + ": " + host + " is an internal address ("
                + address.getHostAddress() + "); only public hosts may be reached.");
    }

    public static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                    // "this" network
                    || (first == 100 && (second & 0xc0) == 64)   // 100.64.0.0/10 carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    || (first == 198 && (second & 0xfe) == 18)   // 198.18.0.0/15 benchmarking
                    || first >= 240;                             // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {                         // fc00::/7 unique local (AWS metadata fd00:ec2::254)
                return true;
            }
            if (isPrefix(b, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b}) || isCompatible(b)) {
                // NAT64 64:ff9b::/96 and IPv4-compatible addresses carry an IPv4 address in their last 4 bytes.
                return isInternal(ipv4(b));
            }
        }
        return false;
    }

    private static boolean isPrefix(byte[] address, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        for (int i = prefix.length; i < 12; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCompatible(byte[] address) {
        for (int i = 0; i < 12; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] address) {
        try {
            return InetAddress.getByAddress(new byte[] {address[12], address[13], address[14], address[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
