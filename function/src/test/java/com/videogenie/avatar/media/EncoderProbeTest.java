package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

class EncoderProbeTest {
    @Test
    void concurrentFirstCallersShareOneProbeAndOneVerdict() throws Exception {
        // libx264 is in every JavaCV build, so its verdict is known: it starts.
        int before = EncoderProbe.probesRun();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<Boolean> ask = () -> {
                go.await();
                return EncoderProbe.starts(EncoderSettings.X264);
            };
            List<Future<Boolean>> answers = IntStream.range(0, 8).mapToObj(i -> pool.submit(ask)).toList();
            go.countDown();
            for (Future<Boolean> answer : answers) {
                assertTrue(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(EncoderProbe.probesRun() - before <= 1, "probes run: " + (EncoderProbe.probesRun() - before));
        int settled = EncoderProbe.probesRun();
        EncoderProbe.starts(EncoderSettings.X264);
        assertEquals(settled, EncoderProbe.probesRun(), "a settled verdict is not probed again");
    }

    @Test
    void nvencWithoutADriverIsUnavailableAndTheLogLevelIsRestored() {
        // Where a GPU driver is installed the verdict depends on the card; here it must be "no".
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "an NVIDIA driver is present");
        assertFalse(EncoderProbe.starts(EncoderSettings.NVENC));
        assertEquals(avutil.AV_LOG_ERROR, avutil.av_log_get_level());
    }
}
