package com.videogenie.avatar;

import com.videogenie.avatar.media.EncoderSettings;
import com.videogenie.avatar.media.FileAccess;
import java.util.Map;

/**
 * Service-wide settings, fixed for the process (per-request options travel in {@link RenderRequest}).
 *
 * @param maxAudioSeconds longest accepted audio ({@code AVATAR_MAX_AUDIO_SECONDS}, default 600)
 * @param encoder         H.264 encoder choice ({@code AVATAR_VIDEO_ENCODER}: auto, libx264, h264_nvenc)
 * @param files           which files may be read and written (services restrict, the CLI does not)
 * @param storage         remote inputs and outputs ({@code https:}, {@code s3://}); local only unless a
 *                        service turns them on with {@link #withStorage}
 */
public record RenderSettings(double maxAudioSeconds, EncoderSettings encoder, FileAccess files,
                             StorageSettings storage) {
    public static final double DEFAULT_MAX_AUDIO_SECONDS = 600;

    public RenderSettings {
        if (!(maxAudioSeconds > 0)) {
            throw new IllegalArgumentException("the audio length limit must be positive");
        }
        files = files == null ? FileAccess.UNRESTRICTED : files;
        storage = storage == null ? StorageSettings.LOCAL_ONLY : storage;
    }

    public static RenderSettings defaults() {
        return new RenderSettings(DEFAULT_MAX_AUDIO_SECONDS, new EncoderSettings(EncoderSettings.AUTO),
                FileAccess.UNRESTRICTED, StorageSettings.LOCAL_ONLY);
    }

    public static RenderSettings fromEnvironment(Map<String, String> env) {
        String max = env.get("AVATAR_MAX_AUDIO_SECONDS");
        String encoder = env.getOrDefault("AVATAR_VIDEO_ENCODER", EncoderSettings.AUTO);
        try {
            return new RenderSettings(max == null || max.isBlank() ? DEFAULT_MAX_AUDIO_SECONDS : Double.parseDouble(max),
                    new EncoderSettings(encoder), FileAccess.UNRESTRICTED, StorageSettings.LOCAL_ONLY);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid AVATAR_MAX_AUDIO_SECONDS or AVATAR_VIDEO_ENCODER: " + e.getMessage(), e);
        }
    }

    public RenderSettings withMaxAudioSeconds(double seconds) {
        return new RenderSettings(seconds, encoder, files, storage);
    }

    /** The same settings with file access restricted (or opened) as given. */
    public RenderSettings withFiles(FileAccess access) {
        return new RenderSettings(maxAudioSeconds, encoder, access, storage);
    }

    /** The same settings with remote inputs and outputs as given (see {@link StorageSettings#fromEnvironment}). */
    public RenderSettings withStorage(StorageSettings remote) {
        return new RenderSettings(maxAudioSeconds, encoder, files, remote);
    }
}
