package com.videogenie.avatar;

/**
 * What to render. Field names are the JSON names every adapter uses. Missing optional values take
 * their defaults here, so the rest of the pipeline never sees a null.
 *
 * @param avatarUrl      the photo: a local path, {@code file:}, or where enabled {@code https:}/{@code s3://} URL
 *                       (JPEG, PNG, WebP, BMP)
 * @param audioUrl       the speech, located like the photo (anything FFmpeg decodes)
 * @param driverVideoUrl a video of a face whose head motion, blinks and brows the avatar follows (the mouth
 *                       still follows the speech), located like the photo; null for the planner's own motion
 * @param outputUrl      target file or folder, or where enabled {@code s3://bucket/prefix/}; null for a
 *                       temporary folder
 * @param width          frame width in pixels, even, default 512
 * @param height         frame height in pixels, even, default 512
 * @param fps            frames per second, default 25
 * @param seed           seeds head motion and blinks; null picks one (reported in the result)
 * @param jobId          names the output in a folder and identifies the job; null generates one
 * @param callbackUrl    where a service also posts the outcome (a webhook), null for none. The core never
 *                       reads it: the HTTP adapter's CloudEvents route posts to it, its plain route refuses
 *                       it, and the CLI and MCP never set it. It stays in this record because the request is
 *                       one JSON shape: a field outside it would be dropped silently and the webhook never sent.
 * @param renderer       which backend draws the frames: {@code auto} (default: a neural one where present and
 *                       allowed, else {@code cpu-warp}) or a backend's name; the result says which ran
 * @param motion         where the head motion comes from: {@code auto} (default: the driver video when given,
 *                       else idle), {@code idle} (the planner's own, seeded) or {@code driver} (needs a driver video)
 * @param mouth          what draws the mouth: {@code auto} (default: MuseTalk where mounted, Wav2Lip where mounted and
 *                       non-commercial weights are allowed, else {@code formant}), {@code formant} (the CPU renderer's
 *                       own), or a lip-sync network by name ({@code musetalk}, {@code wav2lip}, {@code diff2lip}); over either
 *                       renderer
 * @param enhance        a face stage after the mouth: {@code none} (default) or an enhancer's name ({@code gfpgan})
 * @param diffusionSteps Diff2Lip's denoising steps, 1-100, default 25 (each a network call per batch)
 */
public record RenderRequest(String avatarUrl, String audioUrl, String driverVideoUrl, String outputUrl,
                            Integer width, Integer height, Integer fps, Long seed, String jobId,
                            String callbackUrl, String renderer, String motion, String mouth, String enhance,
                            Integer diffusionSteps) {
    public static final int DEFAULT_SIZE = 512;
    public static final int DEFAULT_FPS = 25;
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 2048;
    public static final int MAX_FPS = 60;
    public static final String AUTO_RENDERER = "auto";
    public static final String AUTO_MOTION = "auto";
    public static final String IDLE_MOTION = "idle";
    public static final String DRIVER_MOTION = "driver";
    public static final String AUTO_MOUTH = "auto";
    public static final String NO_ENHANCE = "none";
    public static final int DEFAULT_DIFFUSION_STEPS = 25;
    public static final int MAX_DIFFUSION_STEPS = 100;
    private static final String STAGE_NAME = "[a-z0-9][a-z0-9-]{0,39}";

    public RenderRequest {
        require(avatarUrl, "avatarUrl");
        require(audioUrl, "audioUrl");
        width = size(width, "width");
        height = size(height, "height");
        fps = fps == null ? DEFAULT_FPS : fps;
        if (fps < 1 || fps > MAX_FPS) {
            throw invalid("fps must be between 1 and " + MAX_FPS + ", got " + fps + ".");
        }
        if (jobId != null && !JobId.isValid(jobId)) {
            throw invalid(JobId.RULE);
        }
        callbackUrl = callbackUrl == null || callbackUrl.isBlank() ? null : callbackUrl.strip();
        renderer = renderer == null || renderer.isBlank() ? AUTO_RENDERER : renderer.strip();
        if (!renderer.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw invalid("renderer is 'auto' or a renderer's name (lower-case letters, digits and '-'), got '"
                    + renderer + "'.");
        }
        driverVideoUrl = driverVideoUrl == null || driverVideoUrl.isBlank() ? null : driverVideoUrl.strip();
        motion = motion == null || motion.isBlank() ? AUTO_MOTION : motion.strip();
        if (!motion.equals(AUTO_MOTION) && !motion.equals(IDLE_MOTION) && !motion.equals(DRIVER_MOTION)) {
            throw invalid("motion is 'auto', 'idle' or 'driver', got '" + motion + "'.");
        }
        if (motion.equals(DRIVER_MOTION) && driverVideoUrl == null) {
            throw invalid("motion 'driver' needs driverVideoUrl, the video whose head motion to follow.");
        }
        if (motion.equals(IDLE_MOTION) && driverVideoUrl != null) {
            throw invalid("motion 'idle' ignores a driver video; leave out driverVideoUrl or use motion 'auto'.");
        }
        mouth = mouth == null || mouth.isBlank() ? AUTO_MOUTH : mouth.strip();
        if (!mouth.matches(STAGE_NAME)) {
            throw invalid("mouth is 'auto', 'formant' or a lip-sync network's name (lower-case letters, digits and"
                    + " '-'), got '" + mouth + "'.");
        }
        enhance = enhance == null || enhance.isBlank() ? NO_ENHANCE : enhance.strip();
        if (!enhance.matches(STAGE_NAME)) {
            throw invalid("enhance is 'none' or an enhancer's name (lower-case letters, digits and '-'), got '"
                    + enhance + "'.");
        }
        diffusionSteps = diffusionSteps == null ? DEFAULT_DIFFUSION_STEPS : diffusionSteps;
        if (diffusionSteps < 1 || diffusionSteps > MAX_DIFFUSION_STEPS) {
            throw invalid("diffusionSteps must be between 1 and " + MAX_DIFFUSION_STEPS + ", got " + diffusionSteps + ".");
        }
    }

    /** A request with the stages after the renderer left to their defaults. */
    public RenderRequest(String avatarUrl, String audioUrl, String driverVideoUrl, String outputUrl, Integer width,
                         Integer height, Integer fps, Long seed, String jobId, String callbackUrl, String renderer,
                         String motion) {
        this(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, seed, jobId, callbackUrl, renderer,
                motion, null, null, null);
    }

    /** A request with the renderer chosen and the motion from the driver video when given. */
    public RenderRequest(String avatarUrl, String audioUrl, String driverVideoUrl, String outputUrl, Integer width,
                         Integer height, Integer fps, Long seed, String jobId, String callbackUrl, String renderer) {
        this(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, seed, jobId, callbackUrl, renderer,
                null);
    }

    /** A request that lets the service choose the renderer. */
    public RenderRequest(String avatarUrl, String audioUrl, String driverVideoUrl, String outputUrl, Integer width,
                         Integer height, Integer fps, Long seed, String jobId, String callbackUrl) {
        this(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, seed, jobId, callbackUrl, null);
    }

    /** A request with only the two inputs and an output, everything else default. */
    public static RenderRequest of(String avatarUrl, String audioUrl, String outputUrl) {
        return new RenderRequest(avatarUrl, audioUrl, null, outputUrl, null, null, null, null, null, null);
    }

    public RenderRequest withSeed(long newSeed) {
        return new RenderRequest(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, newSeed, jobId,
                callbackUrl, renderer, motion, mouth, enhance, diffusionSteps);
    }

    public RenderRequest withJobId(String newJobId) {
        return new RenderRequest(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, seed, newJobId,
                callbackUrl, renderer, motion, mouth, enhance, diffusionSteps);
    }

    public RenderRequest withRenderer(String newRenderer) {
        return new RenderRequest(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, seed, jobId,
                callbackUrl, newRenderer, motion, mouth, enhance, diffusionSteps);
    }

    /** The same request with other stages after the renderer. */
    public RenderRequest withStages(String newMouth, String newEnhance, Integer newDiffusionSteps) {
        return new RenderRequest(avatarUrl, audioUrl, driverVideoUrl, outputUrl, width, height, fps, seed, jobId,
                callbackUrl, renderer, motion, newMouth, newEnhance, newDiffusionSteps);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required.");
        }
    }

    private static Integer size(Integer value, String name) {
        int v = value == null ? DEFAULT_SIZE : value;
        if (v < MIN_SIZE || v > MAX_SIZE || v % 2 != 0) {
            throw invalid(name + " must be an even number from " + MIN_SIZE + " to " + MAX_SIZE + ", got " + v + ".");
        }
        return v;
    }

    private static AvatarException invalid(String message) {
        return new AvatarException(ErrorCode.INVALID_REQUEST, message);
    }
}
