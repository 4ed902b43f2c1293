package com.videogenie.avatar.render.fomm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * {@code renderer=fomm} with the stand-in networks mounted: chosen by name and by {@code auto}, the
 * detector run on every driving frame and the generator on every output frame; and the refusals when
 * the exports are absent, damaged or their licence not accepted.
 */
class FommBackendTest {
    @TempDir
    Path work;

    @Test
    void rendersWithTheMountedNetworksAndCountsEveryFrame() throws Exception {
        FommBackend fomm = FommBackend.open(models(StandInNetworks.fomm(), true, 4));
        RenderBackends backends = new RenderBackends(new WarpBackend(), List.of(fomm), Map.of());
        try (RenderAvatar avatar = avatar(backends)) {
            long detected = fomm.detectorFrames();
            long generated = fomm.generatorFrames();
            RenderResult result = avatar.apply(request("fomm", "named.mp4"));
            assertEquals(FommBackend.NAME, result.renderer(), "the result names the backend");
            assertEquals(result.frames() + 1, fomm.detectorFrames() - detected, "the photo, then every driving frame");
            assertEquals(result.frames(), fomm.generatorFrames() - generated, "the generator draws every frame");
            var video = VideoFrames.decode(Path.of(URI.create(result.outputUrl())));
            assertEquals(result.frames(), video.frames().size());

            RenderResult auto = avatar.apply(request("auto", "auto.mp4"));
            assertEquals(FommBackend.NAME, auto.renderer(), "auto takes a mounted, allowed network");
            assertTrue(auto.warnings().stream().noneMatch(w -> w.contains("renderer auto")), auto.warnings().toString());
        }
    }

    @Test
    void withoutTheExportsAutoFallsBackWithAWarningAndFommIsUnavailable() throws Exception {
        AvatarException absent = assertThrows(AvatarException.class,
                () -> FommBackend.open(models(Files.createDirectories(work.resolve("empty")), true, 4)));
        assertEquals(ErrorCode.MODEL_UNAVAILABLE, absent.code());
        assertTrue(absent.getMessage().contains("AVATAR_NEURAL_DIR"), absent.getMessage());
        RenderBackends backends = new RenderBackends(new WarpBackend(), List.of(),
                Map.of(FommBackend.NAME, absent.getMessage()));
        try (RenderAvatar avatar = avatar(backends)) {
            RenderResult auto = avatar.apply(request("auto", "fallback.mp4"));
            assertEquals(WarpBackend.NAME, auto.renderer());
            assertTrue(auto.warnings().stream().anyMatch(w -> w.startsWith("renderer auto: fomm unavailable")),
                    auto.warnings().toString());
            AvatarException named = assertThrows(AvatarException.class, () -> avatar.apply(request("fomm", "no.mp4")));
            assertEquals(ErrorCode.MODEL_UNAVAILABLE, named.code());
        }
        assertTrue(Files.notExists(work.resolve("no.mp4")), "nothing left behind");
    }

    @Test
    void weightsWithoutACommercialLicenceNeedTheOptIn() throws Exception {
        AvatarException refused = assertThrows(AvatarException.class,
                () -> FommBackend.open(models(StandInNetworks.fomm(), false, 4)));
        assertEquals(ErrorCode.LICENSE_NOT_ACCEPTED, refused.code());
        assertTrue(refused.getMessage().contains("AVATAR_ALLOW_NONCOMMERCIAL=true"), refused.getMessage());
        RenderBackends backends = RenderBackends.refused(new WarpBackend(), Map.of(FommBackend.NAME, refused));
        AvatarException named = assertThrows(AvatarException.class, () -> backends.choose(FommBackend.NAME));
        assertEquals(ErrorCode.LICENSE_NOT_ACCEPTED, named.code(), "a request naming it gets the licence's code");
    }

    @Test
    void aDamagedExportIsAChecksumMismatch() throws Exception {
        Path folder = Files.createDirectories(work.resolve("damaged"));
        for (String file : List.of("fomm_kp_detector.pt", "fomm_generator.pt")) {
            Files.copy(StandInNetworks.fomm().resolve(file), folder.resolve(file));
            Files.copy(StandInNetworks.fomm().resolve(file + ".sha256"), folder.resolve(file + ".sha256"));
        }
        byte[] bytes = Files.readAllBytes(folder.resolve("fomm_generator.pt"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(folder.resolve("fomm_generator.pt"), bytes);
        AvatarException damaged = assertThrows(AvatarException.class, () -> FommBackend.open(models(folder, true, 4)));
        assertEquals(ErrorCode.MODEL_CHECKSUM_MISMATCH, damaged.code());
        Files.delete(folder.resolve("fomm_kp_detector.pt.sha256"));
        AvatarException unchecked = assertThrows(AvatarException.class, () -> FommBackend.open(models(folder, true, 4)));
        assertEquals(ErrorCode.MODEL_UNAVAILABLE, unchecked.code());
        assertNotNull(unchecked.getMessage());
    }

    private static NeuralModels models(Path folder, boolean allow, int batch) {
        return new NeuralModels(NeuralManifest.bundled(), new NeuralSettings(folder, allow, batch, "cpu"));
    }

    private RenderRequest request(String renderer, String output) {
        return new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null, work.resolve(output).toString(),
                128, 128, 10, 7L, null, null, renderer);
    }

    private RenderAvatar avatar(RenderBackends backends) {
        return RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")), backends);
    }
}
