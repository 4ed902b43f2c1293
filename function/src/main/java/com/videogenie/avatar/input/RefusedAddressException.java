package com.videogenie.avatar.input;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host resolved to an internal address. It is an {@link UnknownHostException} so that it leaves
 * the HTTP client's name lookup the way a failed lookup does, before any connection is opened.
 */
public final class RefusedAddressException extends UnknownHostException {
    private final String host;
    private final transient InetAddress address;

    RefusedAddressException(String host, InetAddress address) {
        super(host + " is an internal address (" + address.getHostAddress() + ")");
        this.host = host;
        this.address = address;
    }

    public String host() {
        return host;
    }

    public InetAddress address() {
        return address;
    }
}
