package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * run with Chromium ({@link ScreenshotMouth} measures their screenshots).
 */
final class BrowserDriver {
    private BrowserDriver() {
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
