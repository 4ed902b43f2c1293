package com.videogenie.avatar.model;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads one model into a folder: to a temporary file beside the target, verified against the
 * manifest's size and sha256, then moved into place atomically, so the folder never holds a partial
 * or wrong file under the model's name.
 */
final class ModelDownloader {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean allowPlainHttp;
    private final PrintStream progress;
    private HttpClient client;

    ModelDownloader(Duration connectTimeout, Duration readTimeout, boolean allowPlainHttp, PrintStream progress) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.allowPlainHttp = allowPlainHttp;
        this.progress = progress;
    }

    /** Downloads {@code spec} to {@code folder/spec.file()} and returns that path; MODEL_UNAVAILABLE on any failure. */
    Path download(ModelSpec spec, Path folder) {
        String scheme = spec.url().getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || (allowPlainHttp && scheme.equals("http")))) {
            throw unavailable(spec, "only https downloads are allowed", null);
        }
        Path target = folder.resolve(spec.file());
        Path partial = null;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, spec.file() + ".", ".part");
            fetch(spec, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw unavailable(spec, reason(e, folder), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AvatarException(ErrorCode.CANCELLED,
                    "The download of model '" + spec.name() + "' from " + spec.url() + " was interrupted.", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private void fetch(ModelSpec spec, Path partial) throws IOException, InterruptedException {
        // The request timeout bounds the wait for the response headers; the stall guard in copy() bounds the body.
        HttpRequest request = HttpRequest.newBuilder(spec.url()).timeout(readTimeout).GET().build();
        HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new BadDownload("the server answered HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (total >= 0 && total != spec.size()) {
                throw new BadDownload("the server offers " + total + " bytes, the manifest expects " + spec.size());
            }
            MessageDigest digest = Sha256.newDigest();
            ProgressBar bar = new ProgressBar(progress, spec.name(), total, System::nanoTime);
            long received;
            try {
                received = copy(body, partial, digest, bar);
            } catch (IOException e) {
                bar.abandon();
                throw e;
            }
            bar.finish(received);
            if (received != spec.size()) {
                throw new BadDownload("received " + received + " bytes, the manifest expects " + spec.size());
            }
            String actual = Sha256.hex(digest);
            if (!actual.equals(spec.sha256())) {
                throw new BadDownload("the downloaded file has sha256 " + actual + ", the manifest expects " + spec.sha256());
            }
        }
    }

    /** Copies the body to {@code partial}; closes the body, failing the read, when no byte arrives for the read timeout. */
    private long copy(InputStream body, Path partial, MessageDigest digest, ProgressBar bar) throws IOException {
        AtomicLong lastReadNanos = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long timeoutNanos = readTimeout.toNanos();
        long checkEveryNanos = Math.max(timeoutNanos / 4, 10_000_000L);
        ScheduledExecutorService guard = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "model-download-stall-guard");
            thread.setDaemon(true);
            return thread;
        });
        guard.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastReadNanos.get() > timeoutNanos && stalled.compareAndSet(false, true)) {
                closeQuietly(body);
            }
        }, checkEveryNanos, checkEveryNanos, TimeUnit.NANOSECONDS);
        long received = 0;
        try (OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                lastReadNanos.set(System.nanoTime());
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                received += n;
                bar.update(received);
            }
        } catch (IOException e) {
            if (stalled.get()) {
                throw new BadDownload(stallMessage(), e);
            }
            throw e;
        } finally {
            guard.shutdownNow();
        }
        if (stalled.get()) {
            throw new BadDownload(stallMessage());
        }
        return received;
    }

    private String stallMessage() {
        return "no data arrived for " + readTimeout.toMillis() + " ms";
    }

    private synchronized HttpClient client() {
        // Built on first use: its selector thread is only worth starting when something must be downloaded.
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    private static String reason(IOException e, Path folder) {
        if (e instanceof FileSystemException) {
            // Its message is just a path; the type says what went wrong there.
            return "cannot write to the model cache " + folder + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); set AVATAR_CACHE_DIR to a writable folder";
        }
        if (e instanceof BadDownload) {
            return e.getMessage();
        }
        // Connection failures may carry no message at all.
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static AvatarException unavailable(ModelSpec spec, String reason, Throwable cause) {
        return new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                "Cannot download model '" + spec.name() + "' from " + spec.url() + ": " + reason + ". "
                        + ModelRegistry.offlineHint(spec), cause);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The reader sees the stream fail and reports the stall.
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Leaves a uniquely named *.part file that no lookup ever reads.
        }
    }

    /** What the server sent is not the model: wrong status, size, checksum, or it stopped sending. */
    private static final class BadDownload extends IOException {
        BadDownload(String message) {
            super(message);
        }

        BadDownload(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
