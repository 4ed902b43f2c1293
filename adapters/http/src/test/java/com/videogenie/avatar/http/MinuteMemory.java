package com.videogenie.avatar.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this process's memory at each minute of a live session's audio, as the session's
 * {@link LiveSpeaker.AfterChunk}: heap used after a full GC, and resident memory ({@code VmRSS}).
 * The tests run the service in their own JVM, so both include the client as well as the server.
 */
final class MinuteMemory implements LiveSpeaker.AfterChunk {
    static final long MB = 1 << 20;
    private static final int CHUNKS_PER_MINUTE = 60 * LiveSpeaker.RATE * 2 / LiveSpeaker.CHUNK_BYTES;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final LiveSpeaker speaker;
    private final String label;
    private final long[] heap;
    private final long[] resident;
    private final long started = System.nanoTime();

    MinuteMemory(LiveSpeaker speaker, int minutes, String label) {
        this.speaker = speaker;
        this.label = label;
        this.heap = new long[minutes + 1];
        this.resident = new long[minutes + 1];
    }

    @Override
    public void sent(int chunk) throws IOException {
        if ((chunk + 1) % CHUNKS_PER_MINUTE != 0) {
            return;
        }
        int minute = (chunk + 1) / CHUNKS_PER_MINUTE;
        // Nothing of the session is in flight when measured: every frame of this minute's sound is back
        // but the last two (held for the look-ahead) and one more (the muxer closes a fragment on the next).
        speaker.awaitFragments(minute * 60 * LiveSpeaker.FPS - 3, 10);
        System.gc();
        heap[minute] = MEMORY.getHeapMemoryUsage().getUsed();
        resident[minute] = residentBytes();
        System.out.printf("%s: minute %d: heap after GC %.1f MB, RSS %.1f MB, %d fragments, %.0f s%n", label, minute,
                heap[minute] / (double) MB, resident[minute] / (double) MB, speaker.fragments(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Heap after GC: the highest after minute 1 less minute 1's (once-only allocations are done by then). */
    long heapGrowth() {
        return growth(heap);
    }

    /** The same for resident memory. */
    long residentGrowth() {
        return growth(resident);
    }

    private static long growth(long[] series) {
        long highest = 0;
        for (int minute = 2; minute < series.length; minute++) {
            highest = Math.max(highest, series[minute]);
        }
        return highest - series[1];
    }

    /** The process's resident memory (VmRSS). */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
