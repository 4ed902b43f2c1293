package com.videogenie.avatar.http;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * webrtc-java's asynchronous calls made synchronous, with a time limit: creating and setting
 * session descriptions, and the one statistic a pushed sound source waits for. A refusal comes back
 * as {@link SignallingException} with libwebrtc's own sentence.
 */
final class WebRtcCalls {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private WebRtcCalls() {
    }

    /** libwebrtc refused a description, or did not answer within {@link #TIMEOUT}. */
    static final class SignallingException extends RuntimeException {
        SignallingException(String message) {
            super(message);
        }
    }

    /** {@code createOffer} or {@code createAnswer}: the description it makes. */
    static RTCSessionDescription create(Consumer<CreateSessionDescriptionObserver> call) {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        call.accept(new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new SignallingException(error));
            }
        });
        return await(created);
    }

    /** {@code setLocalDescription} or {@code setRemoteDescription}, done. */
    static void set(Consumer<SetSessionDescriptionObserver> call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            call.accept(new SetSessionDescriptionObserver() {
                @Override
                public void onSuccess() {
                    done.complete(null);
                }

                @Override
                public void onFailure(String error) {
                    done.completeExceptionally(new SignallingException(error));
                }
            });
        } catch (Error e) {
            // webrtc-java reports an SDP libwebrtc cannot parse as an Error, thrown at once.
            throw new SignallingException(e.getMessage());
        }
        await(done);
    }

    /** RTP packets of sound the connection has sent so far. */
    private static long soundPacketsSent(RTCPeerConnection connection) throws InterruptedException {
        CompletableFuture<Long> sent = new CompletableFuture<>();
        connection.getStats(report -> sent.complete(report.getStats().values().stream()
                .filter(stats -> stats.getType() == RTCStatsType.OUTBOUND_RTP
                        && "audio".equals(stats.getAttributes().get("kind")))
                .mapToLong(stats -> stats.getAttributes().get("packetsSent") instanceof Number n ? n.longValue() : 0)
                .sum()));
        try {
            return sent.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        }
    }

    /**
     * Waits until the connection's pushed sound is sending, then stops {@code device}'s capture
     * path, which would feed the same stream from its own thread (libwebrtc aborts the process when
     * two threads feed one stream at once). False after {@code limit} or once {@code givenUp} says so.
     */
    static boolean stopCaptureOnceSending(RTCPeerConnection connection, HeadlessAudioDeviceModule device,
                                          Duration limit, BooleanSupplier givenUp) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!givenUp.getAsBoolean() && System.nanoTime() < deadline) {
            if (soundPacketsSent(connection) > 0) {
                device.stopRecording();
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SignallingException signalling) {
                throw signalling;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new SignallingException("libwebrtc did not answer in " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignallingException("interrupted");
        }
    }
}
