package com.videogenie.avatar.input;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Downloads an {@code https:} or {@code http:} input into a file. Every hop (the URL and each
 * redirect) is checked against {@link AddressGuard} before connecting; the size, the connection, each
 * read and the whole download are bounded.
 *
 * <p>The guard checks every address the name resolves to; the connection resolves the name again, so
 * a DNS server that answers differently within that moment could still steer it. Deployments that
 * must close that gap also restrict egress in the network (see docs/service.md, "Remote inputs and object storage").
 */
public final class HttpFetcher {
    private final FetchSettings settings;

    public HttpFetcher(FetchSettings settings) {
        this.settings = settings;
    }

    /** Downloads {@code url} into {@code target}, which must not exist yet. */
    public void fetch(URI url, Path target, String what) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        URI current = url;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            check(current, what);
            HttpURLConnection connection = open(current, what);
            try {
                int status = connection.getResponseCode();
                if (status >= 300 && status < 400 && status != 304) {
                    String location = connection.getHeaderField("Location");
                    if (location == null) {
                        throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + current
                                + " answered a redirect without a location.");
                    }
                    current = current.resolve(location);
                    continue;
                }
                if (status != HttpURLConnection.HTTP_OK) {
                    throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + current + " answered HTTP "
                            + status + "; the URL must point to a readable file.");
                }
                long length = connection.getContentLengthLong();
                if (length > settings.maxBytes()) {
                    throw tooLarge(what);
                }
                copy(connection, target, deadline, what);
                return;
            } catch (SocketTimeoutException e) {
                throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + current + " did not answer within "
                        + settings.readTimeout().toSeconds() + " s.", e);
            } catch (IOException e) {
                throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": cannot download " + current + ": " + e, e);
            } finally {
                connection.disconnect();
            }
        }
        throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": more than " + settings.maxRedirects()
                + " redirects from " + url + ".");
    }

    /** Refuses other schemes and hosts that resolve to an internal address, unless the host is allow-listed. */
    void check(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new AvatarException(ErrorCode.UNSUPPORTED_INPUT, what + ": only https: and http: URLs are downloaded,"
                    + " not " + url);
        }
        AddressGuard.checkHost(url, settings.allowedHosts(), what);
    }

    private HttpURLConnection open(URI url, String what) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
            connection.setReadTimeout((int) settings.readTimeout().toMillis());
            connection.setRequestProperty("User-Agent", "avatar-renderer");
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is not a valid URL: " + url, e);
        }
    }

    private void copy(HttpURLConnection connection, Path target, long deadline, String what) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > settings.maxBytes()) {
                    throw tooLarge(what);
                }
                if (System.nanoTime() > deadline) {
                    throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": the download took longer than "
                            + settings.totalTimeout().toSeconds() + " s.");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private AvatarException tooLarge(String what) {
        return new AvatarException(ErrorCode.INPUT_TOO_LARGE, what + ": the file is larger than the "
                + (settings.maxBytes() >> 20) + " MB accepted.");
    }
}
