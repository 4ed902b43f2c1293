package com.videogenie.avatar.render.restore;

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
import com.videogenie.avatar.neural.NeuralManifest;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSettings;
import com.videogenie.avatar.neural.StandInNetworks;
import com.videogenie.avatar.render.FrameStageProvider.Kind;
import com.videogenie.avatar.render.FrameStages;
import com.videogenie.avatar.render.RenderBackends;
import com.videogenie.avatar.render.warp.WarpBackend;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enhance=gfpgan} with the stand-in mounted: a video of the speech's length with every frame
 * restored in batches and the result saying so; and the licence gate (its weights' commercial use is
 * unclear: without the opt-in it does not load, and asking for it is LICENSE_NOT_ACCEPTED).
 */
class GfpganEnhancerTest {
    private static final int BATCH = 4;

    @TempDir
    Path work;

    @Test
    void restoresEveryFrameInBatchesAfterTheMouth() throws Exception {
        GfpganEnhancer gfpgan = GfpganEnhancer.open(models(true));
        try (RenderAvatar avatar = avatar(FrameStages.none().add(Kind.ENHANCE, gfpgan))) {
            RenderResult result = avatar.apply(request("gfpgan", "restored.mp4"));
            assertEquals("gfpgan", result.stages().get("enhance"), result.stages().toString());
            assertEquals(result.frames(), gfpgan.faces(), "every frame's face restored");
            assertEquals((result.frames() + BATCH - 1) / BATCH, gfpgan.networkCalls(), "one call per batch");
            var video = VideoFrames.decode(Path.of(URI.create(result.outputUrl())));
            assertEquals(result.frames(), video.frames().size());
            assertEquals(8.0, result.durationSeconds(), 0.1);
            RenderResult plain = avatar.apply(request("none", "plain.mp4"));
            assertTrue(!plain.stages().containsKey("enhance"), "enhance none runs nothing: " + plain.stages());
        }
    }

    @Test
    void withoutTheOptInItIsRefusedByLicence() throws Exception {
        AvatarException refused = assertThrows(AvatarException.class, () -> GfpganEnhancer.open(models(false)));
        assertEquals(ErrorCode.LICENSE_NOT_ACCEPTED, refused.code());
        try (RenderAvatar avatar = avatar(FrameStages.none().unavailable("gfpgan", Kind.ENHANCE, refused))) {
            AvatarException named = assertThrows(AvatarException.class, () -> avatar.apply(request("gfpgan", "no.mp4")));
            assertEquals(ErrorCode.LICENSE_NOT_ACCEPTED, named.code());
            assertTrue(named.getMessage().startsWith("enhance gfpgan is not available here"), named.getMessage());
            assertTrue(Files.notExists(work.resolve("no.mp4")));
            AvatarException unknown = assertThrows(AvatarException.class, () -> avatar.apply(request("sharpen", "x.mp4")));
            assertEquals(ErrorCode.INVALID_REQUEST, unknown.code());
            assertTrue(unknown.getMessage().contains("none, gfpgan"), unknown.getMessage());
        }
    }

    private RenderAvatar avatar(FrameStages stages) {
        return RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")),
                new RenderBackends(new WarpBackend(), List.of(), Map.of()), stages);
    }

    private static NeuralModels models(boolean allow) throws Exception {
        return new NeuralModels(NeuralManifest.bundled(),
                new NeuralSettings(StandInNetworks.lipSync(), allow, BATCH, "cpu"));
    }

    private RenderRequest request(String enhance, String output) {
        return new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null, work.resolve(output).toString(),
                192, 192, 10, 7L, null, null, "cpu-warp", null, "formant", enhance, null);
    }
}
