package com.videogenie.avatar.speech;

/**
 * Mouth shape for one video frame, each value in [0, 1].
 *
 * @param open    jaw and lip opening (0 closed, 1 widest open vowel such as /a/)
 * @param spread  lip corners pulled apart (/i/, /e/)
 * @param round   lips rounded and narrowed (/u/, /o/, /w/)
 * @param closure lips pressed together (/m/, /b/, /p/); overrides {@code open}
 */
public record MouthPose(float open, float spread, float round, float closure) {
    public static final MouthPose REST = new MouthPose(0f, 0f, 0f, 0f);

    public MouthPose {
        open = clamp01(open);
        spread = clamp01(spread);
        round = clamp01(round);
        closure = clamp01(closure);
    }

    /** Opening after closure is applied: what the renderer should show. */
    public float effectiveOpen() {
        return open * (1f - closure);
    }

    private static float clamp01(float v) {
        return Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    }
}
