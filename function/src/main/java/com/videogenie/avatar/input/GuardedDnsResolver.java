package com.videogenie.avatar.input;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only name lookup: it resolves once, checks every answer with
 * {@link AddressGuard}, and hands the client exactly the addresses it checked. The client connects to
 * those, so a DNS server that answers a public address to the check and an internal one a moment
 * later (DNS rebinding) never gets the second answer used. Host header and TLS server name still
 * come from the URL.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    GuardedDnsResolver(Set<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts = allowedHosts;
        this.resolver = resolver;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return AddressGuard.resolveChecked(host, allowedHosts, resolver).clone();
    }

    /** The name as given: a canonical-name lookup would be a second, unchecked answer. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
