package com.videogenie.avatar.http;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client peer as a browser makes one, for tests: a microphone track (PCM pushed from a file, in
 * real time), a receive-only video section and a data channel. It counts the avatar's frames and
 * the energy of its sound, and keeps the status lines. libwebrtc through webrtc-java, like the
 * service, but factories and audio devices of its own, as a separate program would have.
 */
final class WebRtcCaller implements AutoCloseable {
    /** Reused, as the service reuses its own: a disposed factory leaves memory behind. */
    private static final WebRtcFactories FACTORIES = new WebRtcFactories();
    private final WebRtcFactories.Lease lease = FACTORIES.borrow();
    private final HeadlessAudioDeviceModule device = lease.device();
    private final PeerConnectionFactory factory = lease.factory();
    private final CustomAudioSource microphone = new CustomAudioSource();
    private final AudioTrack microphoneTrack = factory.createAudioTrack("mic", microphone);
    private final CustomVideoSource unusedVideo = new CustomVideoSource();
    private final VideoTrack unusedVideoTrack = factory.createVideoTrack("unused", unusedVideo);
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final RTCPeerConnection connection;
    private final RTCDataChannel channel;
    final List<String> statuses = new CopyOnWriteArrayList<>();
    final AtomicLong videoFrames = new AtomicLong();
    final AtomicLong firstFrameNanos = new AtomicLong();
    volatile int frameWidth;
    volatile int frameHeight;
    /** Mean luma of the latest frame: a picture, not a black or empty one. */
    volatile double frameLuma;
    final AtomicLong soundSamples = new AtomicLong();
    /** Sum of squares of the sound received, in 16-bit units. */
    final AtomicLong soundEnergy = new AtomicLong();

    /**
     * @param sendAudio offer the microphone
     * @param takeVideo offer a receive-only video section
     */
    WebRtcCaller(boolean sendAudio, boolean takeVideo) {
        connection = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
                    video.addSink(frame -> {
                        firstFrameNanos.compareAndSet(0, System.nanoTime());
                        if (videoFrames.incrementAndGet() % 10 == 1) {
                            I420Buffer buffer = frame.buffer.toI420();
                            frameWidth = buffer.getWidth();
                            frameHeight = buffer.getHeight();
                            ByteBuffer y = buffer.getDataY();
                            long sum = 0;
                            int count = 0;
                            for (int i = 0; i < y.capacity(); i += 97) {
                                sum += y.get(i) & 0xff;
                                count++;
                            }
                            frameLuma = (double) sum / count;
                            buffer.release();
                        }
                    });
                } else if (transceiver.getReceiver().getTrack() instanceof AudioTrack sound) {
                    sound.addSink((data, bits, rate, channels, frames) -> {
                        long energy = 0;
                        for (int i = 0; i + 1 < data.length && i < 2 * frames * channels; i += 2) {
                            int s = (short) ((data[i + 1] << 8) | (data[i] & 0xff));
                            energy += (long) s * s;
                        }
                        soundSamples.addAndGet(frames);
                        soundEnergy.addAndGet(energy / Math.max(1, channels));
                    });
                }
            }
        });
        if (sendAudio) {
            connection.addTrack(microphoneTrack, List.of("caller"));
        }
        if (takeVideo) {
            RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
            connection.addTransceiver(unusedVideoTrack, init);
        }
        channel = connection.createDataChannel("avatar", new RTCDataChannelInit());
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previous) {
            }

            @Override
            public void onStateChange() {
            }

            @Override
            public void onMessage(RTCDataChannelBuffer message) {
                byte[] bytes = new byte[message.data.remaining()];
                message.data.get(bytes);
                statuses.add(new String(bytes, StandardCharsets.UTF_8));
            }
        });
    }

    /** The offer with its candidates, as a browser sends it after gathering. */
    String offer() throws Exception {
        RTCSessionDescription offer = WebRtcCalls.create(observer -> connection.createOffer(new RTCOfferOptions(),
                observer));
        WebRtcCalls.set(observer -> connection.setLocalDescription(offer, observer));
        gathered.get(10, TimeUnit.SECONDS);
        return connection.getLocalDescription().sdp;
    }

    void answer(String sdp) {
        WebRtcCalls.set(observer -> connection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), observer));
    }

    /**
     * Speaks 16 kHz mono s16le PCM in real time, 10 ms at a time. First waits until the microphone
     * is sending and stops the device's own capture, which would feed the same stream (as the service does).
     */
    void speak(byte[] pcm, double seconds) throws Exception {
        if (!WebRtcCalls.stopCaptureOnceSending(connection, device, Duration.ofSeconds(10), () -> false)) {
            throw new IllegalStateException("the microphone never started sending");
        }
        int pieces = (int) Math.min(pcm.length / 320, Math.round(seconds * 100));
        long start = System.nanoTime();
        byte[] piece = new byte[320];
        for (int i = 0; i < pieces; i++) {
            System.arraycopy(pcm, 320 * i, piece, 0, 320);
            microphone.pushAudio(piece, 16, 16_000, 1, 160);
            long due = start + (i + 1) * 10_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    void send(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        channel.send(new RTCDataChannelBuffer(buffer, false));
    }

    /** Waits for a status line whose text contains {@code fragment}; null after {@code seconds}. */
    String awaitStatus(String fragment, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (String status : statuses) {
                if (status.contains(fragment)) {
                    return status;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Override
    public void close() {
        channel.unregisterObserver();
        channel.close();
        channel.dispose();
        connection.close();
        microphone.dispose();
        unusedVideo.dispose();
        FACTORIES.giveBack(lease);
    }
}
