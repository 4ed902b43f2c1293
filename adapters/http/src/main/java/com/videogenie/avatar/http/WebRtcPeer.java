package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.SyncClock;
import dev.onvoid.webrtc.media.audio.AudioResampler;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client's WebRTC peer, answering its offer (libwebrtc through webrtc-java): the client's
 * microphone in, decoded and handed on as 16 kHz mono PCM in 10 ms pieces; the avatar's picture
 * (H.264 preferred, else VP8) and sound (Opus) out, in one media stream so the client's player
 * keeps them in step; the client's data channel for JSON status lines both ways.
 * <p>
 * Each peer has a factory and headless audio device to itself ({@link WebRtcFactories}). The device's playout clock pulls the
 * client's audio at real time, which paces the session. Its capture path would feed every sending
 * stream of its factory beside the sound pushed here, and libwebrtc aborts the whole process when
 * two threads feed one stream at once; so capture is stopped once this peer's sound is sending
 * ({@link #awaitSoundSending}) and nothing is pushed before that.
 */
final class WebRtcPeer implements AutoCloseable {
    /** Called on libwebrtc's threads: return quickly. */
    interface Listener {
        /** 10 ms of the client's audio, 16 kHz mono signed 16-bit little-endian, valid until this returns. */
        void audio(byte[] pcm, int length);

        /** A text message on the data channel. */
        void message(String text);

        void connection(RTCPeerConnectionState state);
    }

    static final int SAMPLE_RATE = 16_000;
    /** Samples in the 10 ms pieces libwebrtc takes and gives. */
    static final int PIECE = SAMPLE_RATE / 100;
    private static final String STREAM = "avatar";
    /** Status lines kept for a data channel that is not open yet. */
    private static final int MAX_PENDING_MESSAGES = 64;

    private final WebRtcFactories factories;
    private final WebRtcFactories.Lease lease;
    private final HeadlessAudioDeviceModule device;
    private final PeerConnectionFactory factory;
    private final SyncClock clock;
    private final CustomVideoSource videoSource;
    private final CustomAudioSource soundSource;
    private final VideoTrack videoTrack;
    private final AudioTrack soundTrack;
    private final Listener listener;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final Object channelGuard = new Object();
    private final Queue<String> pending = new ArrayDeque<>();
    private RTCPeerConnection connection;
    private RTCDataChannel channel;
    private volatile Microphone microphone;
    private boolean soundAnswered;
    private volatile boolean closed;

    private WebRtcPeer(WebRtcFactories factories, WebRtcSettings settings, Listener listener) {
        this.listener = listener;
        this.factories = factories;
        this.lease = factories.borrow();
        this.device = lease.device();
        this.factory = lease.factory();
        // One clock for both: the capture times the client's player lines sound and picture up by.
        this.clock = new SyncClock();
        this.videoSource = new CustomVideoSource(clock);
        this.soundSource = new CustomAudioSource(clock);
        this.videoTrack = factory.createVideoTrack("avatar-video", videoSource);
        this.soundTrack = factory.createAudioTrack("avatar-audio", soundSource);
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.iceServers = new ArrayList<>(settings.iceServers());
        if (settings.maxPort() > 0) {
            configuration.portAllocatorConfig = new PortAllocatorConfig(settings.minPort(), settings.maxPort(), 0);
        }
        this.connection = factory.createPeerConnection(configuration, new Observer());
    }

    /**
     * A peer answering {@code offer}: its SDP answer, with every ICE candidate gathered (no
     * trickling, as in WHIP), is {@link #answer()}. Throws INVALID_SDP when libwebrtc refuses the offer.
     */
    static WebRtcPeer answering(String offer, WebRtcFactories factories, WebRtcSettings settings, Listener listener) {
        WebRtcPeer peer = new WebRtcPeer(factories, settings, listener);
        try {
            peer.negotiate(offer);
            return peer;
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    private void negotiate(String offer) {
        try {
            WebRtcCalls.set(observer -> connection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER,
                    SdpOffer.preferringH264(offer)),
                    observer));
        } catch (WebRtcCalls.SignallingException e) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "The SDP offer was refused: " + e.getMessage());
        }
        for (RTCRtpTransceiver transceiver : connection.getTransceivers()) {
            String kind = transceiver.getReceiver().getTrack().getKind();
            boolean clientReceives = transceiver.getDirection() != RTCRtpTransceiverDirection.INACTIVE;
            if (kind.equals(MediaStreamTrack.VIDEO_TRACK_KIND) && clientReceives) {
                transceiver.getSender().replaceTrack(videoTrack);
                transceiver.getSender().setStreams(List.of(STREAM));
                transceiver.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
            } else if (kind.equals(MediaStreamTrack.AUDIO_TRACK_KIND) && !soundAnswered) {
                // The client's microphone section: its sound comes in, the avatar's goes back in it.
                transceiver.getSender().replaceTrack(soundTrack);
                transceiver.getSender().setStreams(List.of(STREAM));
                transceiver.setDirection(RTCRtpTransceiverDirection.SEND_RECV);
                soundAnswered = true;
            }
        }
        try {
            RTCSessionDescription answer = WebRtcCalls.create(observer -> connection.createAnswer(new RTCAnswerOptions(),
                    observer));
            WebRtcCalls.set(observer -> connection.setLocalDescription(answer, observer));
        } catch (WebRtcCalls.SignallingException e) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "No answer can be made to the SDP offer: "
                    + e.getMessage());
        }
        try {
            gathered.get(WebRtcCalls.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Answer with the candidates gathered so far: a slow STUN or TURN server only loses its own.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SDP answer with its ICE candidates. */
    String answer() {
        return connection.getLocalDescription().sdp;
    }

    /** Whether the answer sends the avatar's sound (the client's audio section is sendrecv). */
    boolean sendsSound() {
        return soundAnswered;
    }

    /**
     * Waits until the avatar's sound stream is sending, then stops the device's capture path (see
     * the class comment). True when the sound may be pushed from now on; false after {@code limit}
     * (the connection never came up) or when the answer sends no sound.
     */
    boolean awaitSoundSending(Duration limit) throws InterruptedException {
        return soundAnswered && WebRtcCalls.stopCaptureOnceSending(connection, device, limit, () -> closed);
    }

    /** Sends a frame of the avatar's picture; the image may be reused once this returns. */
    void pushFrame(RgbImage image) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(image.width(), image.height());
        try {
            // libyuv's 24BG is B, G, R in memory: the image's own order.
            VideoBufferConverter.convertToI420(image.bgr(), buffer, FourCC.BG24);
        } catch (Exception e) {
            buffer.release();
            throw new IllegalStateException("Converting the frame for WebRTC failed", e);
        }
        VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
        videoSource.pushFrame(frame);
        frame.release();
    }

    /** Sends 10 ms of the avatar's sound ({@link #PIECE} samples, 16 kHz mono s16le). */
    void pushSound(byte[] pcm) {
        soundSource.pushAudio(pcm, 16, SAMPLE_RATE, 1, PIECE);
    }

    /** Sends a status line on the client's data channel, once it is open; dropped without one. */
    void send(String text) {
        synchronized (channelGuard) {
            if (channel != null && channel.getState() == RTCDataChannelState.OPEN) {
                sendNow(text);
            } else if (pending.size() < MAX_PENDING_MESSAGES) {
                pending.add(text);
            }
        }
    }

    private void sendNow(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        try {
            channel.send(new RTCDataChannelBuffer(buffer, false));
        } catch (Exception e) {
            // The channel closed meanwhile: the connection's own state ends the session.
        }
    }

    /** Bytes waiting in the data channel: the error line goes out before the connection is closed. */
    long bufferedMessageBytes() {
        synchronized (channelGuard) {
            return channel == null || channel.getState() != RTCDataChannelState.OPEN ? 0 : channel.getBufferedAmount();
        }
    }

    /** Closes the connection and frees libwebrtc's objects; never from one of libwebrtc's own threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (channelGuard) {
            if (channel != null) {
                channel.unregisterObserver();
                channel.close();
                channel.dispose();
                channel = null;
            }
        }
        connection.close();
        // The tracks are the closed connection's to free (disposing them here finds them still held);
        // the sources are this peer's, the factory and its device go back for the next peer.
        videoSource.dispose();
        soundSource.dispose();
        clock.dispose();
        factories.giveBack(lease);
        Microphone sink = microphone;
        if (sink != null) {
            sink.dispose();
        }
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // Gathered into the local description, which the answer carries whole.
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            listener.connection(state);
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack track && microphone == null) {
                Microphone sink = new Microphone();
                microphone = sink;
                track.addSink(sink);
            }
        }

        @Override
        public void onDataChannel(RTCDataChannel opened) {
            synchronized (channelGuard) {
                if (closed || channel != null) {
                    opened.close();
                    return;
                }
                channel = opened;
                opened.registerObserver(new ChannelObserver());
            }
        }
    }

    private final class ChannelObserver implements RTCDataChannelObserver {
        @Override
        public void onBufferedAmountChange(long previous) {
        }

        @Override
        public void onStateChange() {
            synchronized (channelGuard) {
                if (channel != null && channel.getState() == RTCDataChannelState.OPEN) {
                    while (!pending.isEmpty()) {
                        sendNow(pending.poll());
                    }
                }
            }
        }

        @Override
        public void onMessage(RTCDataChannelBuffer message) {
            if (message.binary) {
                return;
            }
            byte[] bytes = new byte[Math.min(message.data.remaining(), 4096)];
            message.data.get(bytes);
            listener.message(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The client's decoded audio (libwebrtc's 10 ms at its own rate, often 48 kHz) as 16 kHz mono. */
    private final class Microphone implements AudioTrackSink {
        private final byte[] mono = new byte[2 * 480 * 2];
        private final byte[] out = new byte[2 * PIECE];
        private AudioResampler resampler;
        private int resamplerRate;

        @Override
        public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
            if (closed || bitsPerSample != 16 || frames * 100 != sampleRate || frames > 960) {
                return;
            }
            byte[] samples = data;
            if (channels > 1) {
                samples = frames * 2 <= mono.length ? mono : new byte[frames * 2];
                for (int i = 0; i < frames; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        int at = 2 * (i * channels + c);
                        sum += (short) ((data[at + 1] << 8) | (data[at] & 0xff));
                    }
                    short average = (short) (sum / channels);
                    samples[2 * i] = (byte) average;
                    samples[2 * i + 1] = (byte) (average >> 8);
                }
            }
            if (sampleRate == SAMPLE_RATE) {
                listener.audio(samples, 2 * PIECE);
                return;
            }
            if (resampler == null || resamplerRate != sampleRate) {
                if (resampler != null) {
                    resampler.dispose();
                }
                resampler = new AudioResampler(sampleRate, SAMPLE_RATE, 1);
                resamplerRate = sampleRate;
            }
            resampler.resample(samples, frames, out, PIECE, 1);
            listener.audio(out, out.length);
        }

        /** After the connection closed: no more audio comes. */
        void dispose() {
            if (resampler != null) {
                resampler.dispose();
            }
        }
    }
}
