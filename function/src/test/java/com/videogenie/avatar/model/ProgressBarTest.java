package com.videogenie.avatar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void showsNamePercentAndMegabytes() {
        bar(2_000_000).update(1_000_000);

        String text = text();
        assertTrue(text.startsWith("\rface_mesh ["), text);
        assertTrue(text.contains(" 50% 1.0/2.0 MB"), text);
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        ProgressBar bar = bar(1000);
        bar.update(100);
        nanos.set(50_000_000L);
        bar.update(200);
        nanos.set(100_000_000L);
        bar.update(300);

        assertEquals(2, text().chars().filter(c -> c == '\r').count(), text());
        assertTrue(text().contains(" 30% "), text());
    }

    @Test
    void alwaysDrawsTheFinalStateOnItsOwnLine() {
        ProgressBar bar = bar(1000);
        bar.update(500);
        bar.finish(1000);

        assertTrue(text().endsWith("100% 0.0/0.0 MB" + System.lineSeparator()), text());
    }

    @Test
    void staysSilentUntilTheFinalLineWhenTheTotalIsUnknown() {
        ProgressBar bar = bar(-1);
        bar.update(1_500_000);
        assertEquals("", text());

        bar.finish(2_500_000);
        assertEquals("face_mesh 2.5 MB" + System.lineSeparator(), text());
    }

    private ProgressBar bar(long total) {
        return new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), "face_mesh", total, nanos::get);
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
