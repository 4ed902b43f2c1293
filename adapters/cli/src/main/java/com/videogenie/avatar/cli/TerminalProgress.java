package com.videogenie.avatar.cli;

import com.videogenie.avatar.RenderProgress;
import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
final class TerminalProgress implements RenderProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void frames(int done, int total) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        double seconds = (now - start) / 1e9;
        err.printf("\rrendering [%s%s] %3d%% %d/%d frames %.1fs", "#".repeat(filled), ".".repeat(WIDTH - filled),
                total == 0 ? 100 : done * 100 / total, done, total, seconds);
        err.flush();
        drawn = true;
    }

    void done() {
        if (drawn) {
            err.println();
        }
    }
}
