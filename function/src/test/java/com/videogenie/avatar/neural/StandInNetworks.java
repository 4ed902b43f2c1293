package com.videogenie.avatar.neural;

import com.videogenie.avatar.TestAssets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The small stand-in networks with the real exports' signatures (models/export/fomm_standins.py, lipsync_standins.py),
 * made once per test run with a Python that has PyTorch, and the way to run the Python references.
 * Without such a Python the tests fail, naming what to install: the parity checks are not optional.
 */
public final class StandInNetworks {
    private static Path folder;

    private StandInNetworks() {
    }

    /** A folder holding the FOMM stand-ins and their sha256 sidecars, as an export would. */
    public static Path fomm() throws IOException, InterruptedException {
        return all();
    }

    /** The same folder, which also holds the Wav2Lip, Diff2Lip, MuseTalk and GFPGAN stand-ins. */
    public static Path lipSync() throws IOException, InterruptedException {
        return all();
    }

    private static synchronized Path all() throws IOException, InterruptedException {
        if (folder == null) {
            Path out = TestAssets.repositoryRoot().resolve("function/target/stand-ins");
            for (String script : List.of("fomm_standins.py", "lipsync_standins.py", "gfpgan_standins.py")) {
                run(List.of(TestAssets.repositoryRoot().resolve("models/export/" + script).toString(), out.toString()));
            }
            folder = out;
        }
        return folder;
    }

    /** Settings that mount {@code folder} and accept its licence, on the CPU, in batches of {@code batch}. */
    public static NeuralSettings settings(Path folder, int batch) {
        return new NeuralSettings(folder, true, batch, "cpu");
    }

    /** Runs a Python script with arguments; fails with its output when it exits non-zero. */
    public static String run(List<String> scriptAndArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python());
        command.addAll(scriptAndArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " failed (" + process.exitValue() + "):\n" + text);
        }
        return text;
    }

    /** AVATAR_PYTHON, else the first of Debian's and the PATH's python3 that imports torch. */
    static String python() throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("AVATAR_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            candidates.add("/usr/bin/python3");
        }
        candidates.add("python3");
        for (String candidate : candidates) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import torch, numpy").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // Try the next one.
            }
        }
        throw new AssertionError("The neural parity tests need Python 3 with PyTorch and numpy: apt-get install -y "
                + "python3-torch (Debian; .ci/run does this), or set AVATAR_PYTHON to such a python. Tried " + candidates);
    }
}
