package com.videogenie.avatar.model;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line download progress bar ({@code face_mesh [=====     ]  45%  1.1/2.4 MB}), redrawn in place
 * at most ten times a second. With an unknown total it stays silent until the final line.
 */
final class ProgressBar {
    private static final long MIN_REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    private static final double MB = 1_000_000.0;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final LongSupplier nanoClock;
    private long lastDrawNanos;
    private boolean drawn;

    ProgressBar(PrintStream out, String label, long total, LongSupplier nanoClock) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.nanoClock = nanoClock;
    }

    /** Reports {@code done} bytes so far; redraws only when the last redraw is old enough. */
    void update(long done) {
        if (total <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (drawn && now - lastDrawNanos < MIN_REDRAW_NANOS) {
            return;
        }
        draw(done);
        lastDrawNanos = now;
        drawn = true;
    }

    /** Draws the final state and ends the line. */
    void finish(long done) {
        if (total > 0) {
            draw(done);
            out.println();
        } else {
            out.printf(Locale.ROOT, "%s %.1f MB%n", label, done / MB);
        }
        out.flush();
    }

    /** Ends a half-drawn line after a failed download, so the error starts on a line of its own. */
    void abandon() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }

    private void draw(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %.1f/%.1f MB",
                label, "=".repeat(filled), " ".repeat(WIDTH - filled), percent, done / MB, total / MB);
        out.flush();
    }
}
