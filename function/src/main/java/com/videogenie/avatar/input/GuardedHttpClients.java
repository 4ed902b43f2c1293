package com.videogenie.avatar.input;

import java.time.Duration;
import java.util.Set;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for requests a caller steers (downloads, webhooks): every connection goes to an
 * address {@link GuardedDnsResolver} checked; no redirects (the caller checks each hop), no
 * automatic retries, no proxy, no cookies, no transparent decompression (size caps count the bytes
 * as served).
 */
public final class GuardedHttpClients {
    private GuardedHttpClients() {
    }

    public static CloseableHttpClient create(Set<String> allowedHosts, HostResolver resolver, Duration connectTimeout,
                                             Duration readTimeout) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(allowedHosts, resolver))
                        .setDefaultConnectionConfig(connection)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .setUserAgent("avatar-renderer")
                .build();
    }
}
