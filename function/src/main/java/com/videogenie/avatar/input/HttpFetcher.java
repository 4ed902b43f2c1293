package com.videogenie.avatar.input;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpStatus;

/**
 * Downloads an {@code https:} or {@code http:} input into a file. Every hop (the URL and each
 * redirect) is resolved once and its addresses checked against {@link AddressGuard}; the connection
 * goes to exactly those addresses ({@link GuardedDnsResolver}), so a DNS answer that changes after
 * the check is never used. The size, the connection, each read and the whole download are bounded.
 */
public final class HttpFetcher {
    private final FetchSettings settings;
    private final HostResolver resolver;

    public HttpFetcher(FetchSettings settings) {
        this(settings, HostResolver.SYSTEM);
    }

    public HttpFetcher(FetchSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** Downloads {@code url} into {@code target}, which must not exist yet. */
    public void fetch(URI url, Path target, String what) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        try (CloseableHttpClient client = GuardedHttpClients.create(settings.allowedHosts(), resolver,
                settings.connectTimeout(), settings.readTimeout())) {
            URI current = url;
            for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
                URI next = download(client, checkScheme(current, what), target, deadline, what);
                if (next == null) {
                    return;
                }
                current = next;
            }
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": cannot download " + url + ": " + e, e);
        }
        throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": more than " + settings.maxRedirects()
                + " redirects from " + url + ".");
    }

    /** Fetches one hop: the redirect's target, or null once the file is in {@code target}. */
    private URI download(CloseableHttpClient client, URI url, Path target, long deadline, String what) {
        HttpGet get;
        try {
            get = new HttpGet(url);
        } catch (IllegalArgumentException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is not a valid URL: " + url, e);
        }
        try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
            try {
                return handle(response, url, get, target, deadline, what);
            } catch (IOException | RuntimeException e) {
                // Drop the connection: closing the response normally would read the rest of its body.
                get.cancel();
                throw e;
            }
        } catch (RefusedAddressException e) {
            throw AddressGuard.refusal(what, e.host(), e.address());
        } catch (UnknownHostException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": unknown host " + url.getHost() + ".", e);
        } catch (SocketTimeoutException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + url + " did not answer within "
                    + settings.readTimeout().toSeconds() + " s.", e);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": cannot download " + url + ": " + e, e);
        }
    }

    private URI handle(ClassicHttpResponse response, URI url, HttpGet get, Path target, long deadline, String what)
            throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400 && status != HttpStatus.SC_NOT_MODIFIED) {
            Header location = response.getFirstHeader("Location");
            if (location == null) {
                throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + url
                        + " answered a redirect without a location.");
            }
            get.cancel();
            return url.resolve(location.getValue());
        }
        if (status != HttpStatus.SC_OK) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + url + " answered HTTP "
                    + status + "; the URL must point to a readable file.");
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": " + url + " answered without a body.");
        }
        if (entity.getContentLength() > settings.maxBytes()) {
            throw tooLarge(what);
        }
        copy(entity.getContent(), target, deadline, what);
        return null;
    }

    /** Refuses schemes other than {@code https:} and {@code http:}; hosts are checked when they are resolved. */
    private static URI checkScheme(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new AvatarException(ErrorCode.UNSUPPORTED_INPUT, what + ": only https: and http: URLs are downloaded,"
                    + " not " + url);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + ": the URL has no host: " + url);
        }
        return url;
    }

    private void copy(InputStream in, Path target, long deadline, String what) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
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
        in.close();
    }

    private AvatarException tooLarge(String what) {
        return new AvatarException(ErrorCode.INPUT_TOO_LARGE, what + ": the file is larger than the "
                + (settings.maxBytes() >> 20) + " MB accepted.");
    }
}
