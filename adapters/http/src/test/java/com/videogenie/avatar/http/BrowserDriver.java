package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the browser tests share: the Playwright drivers in {@code src/test/browser} installed and
 * run with Chromium, and the measures of the mouth on their screenshots.
 */
final class BrowserDriver {
    private BrowserDriver() {
    }

    /**
     * The mouth with room to open, from the mesh: corner to corner plus a quarter of the mouth's width
     * either side, from below the nose to halfway from the lower lip to the chin.
     */
    static int[] mouthBox(FaceLandmarks face, RgbImage image) {
        double left = face.x(MeshRegions.MOUTH_LEFT);
        double right = face.x(MeshRegions.MOUTH_RIGHT);
        double pad = (right - left) / 4;
        int x0 = (int) Math.max(0, Math.floor(left - pad));
        int x1 = (int) Math.min(image.width(), Math.ceil(right + pad));
        int y0 = (int) Math.max(0, Math.floor(face.y(MeshRegions.SUBNASALE)));
        // OUTER_LIP_LOWER[5] is the lower lip's outer centre.
        int y1 = (int) Math.min(image.height(), Math.ceil((face.y(MeshRegions.OUTER_LIP_LOWER[5])
                + face.y(MeshRegions.CHIN)) / 2));
        assertTrue(x1 - x0 >= 20 && y1 - y0 >= 20, "mouth box too small: " + x0 + "," + y0 + "-" + x1 + "," + y1);
        return new int[] {x0, y0, x1, y1};
    }

    static double meanAbsoluteDifference(RgbImage a, RgbImage b, int[] box) {
        byte[] pa = a.bgr();
        byte[] pb = b.bgr();
        long sum = 0;
        for (int y = box[1]; y < box[3]; y++) {
            for (int i = (y * a.width() + box[0]) * 3; i < (y * a.width() + box[2]) * 3; i++) {
                sum += Math.abs((pa[i] & 0xff) - (pb[i] & 0xff));
            }
        }
        return sum / (3.0 * (box[2] - box[0]) * (box[3] - box[1]));
    }

    /** The driver folder with its npm dependencies installed (again when package.json changed). */
    static Path install(Path module) throws Exception {
        Path npm = executable("npm", "npm");
        Path driver = module.resolve("target/browser-driver");
        Files.createDirectories(driver);
        Path source = module.resolve("src/test/browser");
        boolean changed = !Files.exists(driver.resolve("package.json"))
                || Files.mismatch(source.resolve("package.json"), driver.resolve("package.json")) != -1;
        for (String name : List.of("package.json", ".npmrc", "live-page.mjs", "studio-page.mjs", "live-webrtc.mjs")) {
            Files.copy(source.resolve(name), driver.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (changed || !Files.isDirectory(driver.resolve("node_modules/playwright-core"))) {
            run(driver, driver.resolve("npm-install.log"), 300, npm.toString(), "install", "--no-audit", "--no-fund");
        }
        return driver;
    }

    /** Runs a command, its output going to {@code log}; fails with the log's end if it fails or hangs. */
    static void run(Path dir, Path log, long timeoutSeconds, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        String tail = output.substring(Math.max(0, output.length() - 4000));
        assertTrue(finished, String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n" + tail);
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed (" + log + "):\n" + tail);
    }

    /** The program's path, from a path or the PATH; fails naming the Debian package that provides it. */
    static Path executable(String name, String debianPackage) {
        if (name.contains(File.separator)) {
            Path path = Path.of(name);
            assertTrue(Files.isExecutable(path), "CHROMIUM=" + name + " is not an executable file: set it to"
                    + " Chromium's path, or unset it and install Chromium (apt-get install -y chromium).");
            return path;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path path = Path.of(dir, name);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new AssertionError("The browser test needs " + name + " on the PATH: install it, e.g. apt-get install -y "
                + debianPackage + " (Debian; .ci/run does this), or set CHROMIUM to a Chromium binary.");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
