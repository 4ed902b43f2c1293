package com.videogenie.avatar.render.lipsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.neural.NeuralManifest;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSettings;
import com.videogenie.avatar.neural.StandInNetworks;
import com.videogenie.avatar.render.FrameStageProvider.Kind;
import com.videogenie.avatar.render.FrameStages;
import com.videogenie.avatar.render.RenderBackends;
import com.videogenie.avatar.render.fomm.FommBackend;
import com.videogenie.avatar.render.warp.WarpBackend;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mouth=wav2lip}, {@code diff2lip} and {@code musetalk} with the stand-in networks mounted, over
 * the CPU warp and over FOMM: a video of the speech's length, the network run the counted number of times,
 * the result naming what ran; the redrawn region blending in without a hard edge; and the licence
 * gate (auto prefers MuseTalk, which needs no opt-in, and never picks a non-commercial network without
 * it; naming one is refused with LICENSE_NOT_ACCEPTED and leaves nothing behind).
 */
class LipSyncStageTest {
    private static final int BATCH = 4;

    @TempDir
    static Path work;
    private static LipSyncStage wav2lip;
    private static LipSyncStage diff2lip;
    private static LipSyncStage museTalk;
    private static FommBackend fomm;
    private static RenderAvatar avatar;
    private static RenderAvatar withoutMuseTalk;

    @BeforeAll
    static void open() throws Exception {
        NeuralModels models = models(StandInNetworks.lipSync(), true);
        wav2lip = LipSyncStage.wav2lip(models);
        diff2lip = LipSyncStage.diff2lip(models);
        fomm = FommBackend.open(models);
        // Its weights may be used commercially: it loads without the opt-in.
        museTalk = LipSyncStage.musetalk(models(StandInNetworks.lipSync(), false));
        FrameStages stages = FrameStages.none().add(Kind.MOUTH, wav2lip).add(Kind.MOUTH, diff2lip)
                .add(Kind.MOUTH, museTalk);
        avatar = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")),
                new RenderBackends(new WarpBackend(), List.of(fomm), Map.of()), stages);
        // Shares the loaded models; only its choice of stages differs.
        withoutMuseTalk = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")),
                new RenderBackends(new WarpBackend(), List.of(), Map.of()),
                FrameStages.none().add(Kind.MOUTH, LipSyncStage.wav2lip(models)));
    }

    @AfterAll
    static void close() {
        avatar.close();
        withoutMuseTalk.close();
    }

    @Test
    void museTalkEncodesTheSpeechOnceAndRunsItsUnetOncePerBatchWithoutTheOptIn() throws Exception {
        Map<String, Long> before = museTalk.callsByNetwork();
        RenderResult result = avatar.apply(request("cpu-warp", "musetalk", 25, "musetalk.mp4"));
        Map<String, Long> after = museTalk.callsByNetwork();
        assertEquals("musetalk", result.stages().get("mouth"));
        long batches = ceil(result.frames(), BATCH);
        assertEquals(1L, after.get("musetalk_whisper") - before.get("musetalk_whisper"), "8 s: one 30 s segment");
        assertEquals(batches, after.get("musetalk_vae_encoder") - before.get("musetalk_vae_encoder"));
        assertEquals(batches, after.get("musetalk_unet") - before.get("musetalk_unet"), "one UNet pass a batch");
        assertEquals(batches, after.get("musetalk_vae_decoder") - before.get("musetalk_vae_decoder"));
        assertVideo(result);
    }

    @Test
    void wav2lipRedrawsEveryFrameInBatchesOverTheCpuRenderer() throws Exception {
        long calls = wav2lip.networkCalls();
        long frames = wav2lip.networkFrames();
        RenderResult result = avatar.apply(request("cpu-warp", "wav2lip", 25, "wav2lip.mp4"));
        assertEquals("wav2lip", result.stages().get("mouth"), result.stages().toString());
        assertEquals("cpu-warp", result.stages().get("render"));
        assertEquals(result.frames(), wav2lip.networkFrames() - frames, "every frame through the network once");
        assertEquals(ceil(result.frames(), BATCH), wav2lip.networkCalls() - calls, "one call per batch");
        assertVideo(result);
    }

    @Test
    void diff2lipRunsItsStepsOnEveryBatchOverFomm() throws Exception {
        long calls = diff2lip.networkCalls();
        RenderResult result = avatar.apply(request("fomm", "diff2lip", 3, "diff2lip.mp4"));
        assertEquals("diff2lip", result.stages().get("mouth"));
        assertEquals("fomm", result.stages().get("render"));
        assertEquals(3L * ceil(result.frames(), BATCH), diff2lip.networkCalls() - calls, "steps x batches");
        assertVideo(result);
    }

    @Test
    void autoPrefersMuseTalkThenAnAllowedWav2LipAndTheFormantMouthNeedsNoNetwork() throws Exception {
        RenderResult auto = avatar.apply(request("cpu-warp", "auto", 25, "auto.mp4"));
        assertEquals("musetalk", auto.stages().get("mouth"), "commercially usable and mounted: auto takes it");
        RenderResult second = withoutMuseTalk.apply(request("cpu-warp", "auto", 25, "auto-wav2lip.mp4"));
        assertEquals("wav2lip", second.stages().get("mouth"), "allowed and mounted: auto takes it next");
        long calls = wav2lip.networkCalls();
        RenderResult formant = avatar.apply(request("cpu-warp", "formant", 25, "formant.mp4"));
        assertEquals("formant", formant.stages().get("mouth"));
        assertEquals(calls, wav2lip.networkCalls(), "the formant mouth runs no network");
    }

    @Test
    void withoutTheOptInNonCommercialMouthsAreRefusedAndAutoKeepsTheFormantMouth() throws Exception {
        NeuralModels refused = models(StandInNetworks.lipSync(), false);
        FrameStages stages = FrameStages.none();
        for (String name : List.of("wav2lip", "diff2lip")) {
            AvatarException why = assertThrows(AvatarException.class, () -> {
                if (name.equals("wav2lip")) {
                    LipSyncStage.wav2lip(refused);
                } else {
                    LipSyncStage.diff2lip(refused);
                }
            });
            assertEquals(ErrorCode.LICENSE_NOT_ACCEPTED, why.code());
            assertTrue(why.getMessage().contains("AVATAR_ALLOW_NONCOMMERCIAL=true"), why.getMessage());
            stages.unavailable(name, Kind.MOUTH, why);
        }
        try (RenderAvatar gated = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")),
                new RenderBackends(new WarpBackend(), List.of(), Map.of()), stages)) {
            RenderResult auto = gated.apply(request("cpu-warp", "auto", 25, "gated-auto.mp4"));
            assertEquals("formant", auto.stages().get("mouth"));
            AvatarException named = assertThrows(AvatarException.class,
                    () -> gated.apply(request("cpu-warp", "wav2lip", 25, "gated-named.mp4")));
            assertEquals(ErrorCode.LICENSE_NOT_ACCEPTED, named.code());
            assertTrue(named.getMessage().startsWith("mouth wav2lip is not available here: wav2lip's weights' commercial"
                    + " use is no"), named.getMessage());
            assertTrue(Files.notExists(work.resolve("gated-named.mp4")), "nothing left behind");
            AvatarException unknown = assertThrows(AvatarException.class,
                    () -> gated.apply(request("cpu-warp", "lipgan", 25, "unknown.mp4")));
            assertEquals(ErrorCode.INVALID_REQUEST, unknown.code());
            assertTrue(unknown.getMessage().contains("auto, formant, wav2lip, diff2lip"), unknown.getMessage());
            // MuseTalk needs no opt-in: where it is mounted, auto takes it even here.
            stages.add(Kind.MOUTH, museTalkWithoutOptIn());
            assertEquals("musetalk", gated.apply(request("cpu-warp", "auto", 25, "gated-musetalk.mp4")).stages().get("mouth"));
            AvatarException enhancer = assertThrows(AvatarException.class,
                    () -> gated.apply(request("cpu-warp", "formant", 25, "enhance.mp4").withStages("formant", "gfpgan", 25)));
            assertEquals(ErrorCode.INVALID_REQUEST, enhancer.code(), enhancer.getMessage());
        }
    }

    @Test
    void theRedrawnLowerFaceBlendsInWithoutAHardEdge() throws Exception {
        RenderResult plain = avatar.apply(request("cpu-warp", "formant", 25, "edge-plain.mp4").withSeed(3));
        for (String mouth : List.of("wav2lip", "musetalk")) {
            checkNoHardEdge(plain, avatar.apply(request("cpu-warp", mouth, 25, "edge-" + mouth + ".mp4").withSeed(3)), mouth);
        }
    }

    private static void checkNoHardEdge(RenderResult plain, RenderResult redrawn, String mouth) throws Exception {
        // The formant mouth moves, the neural one's renderer keeps it at rest: compare a frame of silence.
        RgbImage before = VideoFrames.decode(Path.of(URI.create(plain.outputUrl()))).frames().get(0);
        RgbImage after = VideoFrames.decode(Path.of(URI.create(redrawn.outputUrl()))).frames().get(0);
        int w = before.width();
        int h = before.height();
        double[] rows = new double[h];
        double[] columns = new double[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * 3;
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    d += Math.abs((after.bgr()[at + c] & 0xff) - (before.bgr()[at + c] & 0xff)) / 3.0;
                }
                rows[y] += d / w;
                columns[x] += d / h;
            }
        }
        double[] rowJump = largestStep(rows);
        double[] columnJump = largestStep(columns);
        assertTrue(rowJump[1] > 2, mouth + ": the lower face was redrawn: " + rowJump[1]);
        // A hard paste changes the difference profile in one row or column; the feather spreads it over many.
        assertTrue(rowJump[0] <= 0.25 * rowJump[1], mouth + ": largest row step " + rowJump[0] + " of " + rowJump[1]);
        assertTrue(columnJump[0] <= 0.25 * columnJump[1], mouth + ": largest column step " + columnJump[0] + " of " + columnJump[1]);
    }

    /** The largest change between neighbours of a profile, and the profile's largest value. */
    private static double[] largestStep(double[] profile) {
        double step = 0;
        double peak = 0;
        for (int i = 0; i < profile.length; i++) {
            peak = Math.max(peak, profile[i]);
            if (i > 0) {
                step = Math.max(step, Math.abs(profile[i] - profile[i - 1]));
            }
        }
        return new double[] {step, peak};
    }

    private static void assertVideo(RenderResult result) throws Exception {
        var video = VideoFrames.decode(Path.of(URI.create(result.outputUrl())));
        assertEquals(result.frames(), video.frames().size());
        assertEquals(8.0, result.durationSeconds(), 0.1, "the speech's length");
    }

    private static LipSyncStage museTalkWithoutOptIn() throws Exception {
        return LipSyncStage.musetalk(models(StandInNetworks.lipSync(), false));
    }

    private static long ceil(int frames, int batch) {
        return (frames + batch - 1) / batch;
    }

    private static NeuralModels models(Path folder, boolean allow) {
        return new NeuralModels(NeuralManifest.bundled(), new NeuralSettings(folder, allow, BATCH, "cpu"));
    }

    private static RenderRequest request(String renderer, String mouth, int steps, String output) {
        return new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null, work.resolve(output).toString(),
                192, 192, 10, 7L, null, null, renderer, null, mouth, null, steps);
    }
}
