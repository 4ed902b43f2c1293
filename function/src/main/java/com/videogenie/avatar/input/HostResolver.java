package com.videogenie.avatar.input;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into its addresses; the system's DNS in production, a scripted one in tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
