package com.videogenie.avatar.http;

import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as its own process, as a pod runs it, with its log in {@code target/} so a failure
 * can be read after the test's temporary folder is gone.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    final Process process;
    final Path log;
    final URI base;
    final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the service on a free port with the test models and {@code env}, and waits until it is ready. */
    static ServiceProcess start(String logName, Path cache, Map<String, String> env) throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve(logName);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The port is read from Spring Boot's start-up line, which a test logback file may silence.
                "-Xmx1g", "-Dlogging.level.org.springframework.boot=INFO", "-cp", classpath,
                AvatarHttpApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(TestAssets.environment(cache));
        builder.environment().put("PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            ServiceProcess service = new ServiceProcess(process, log, awaitPort(log, process));
            service.await("ready", 120, () -> service.status("/actuator/health/readiness") == 200);
            return service;
        } catch (Throwable e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int awaitPort(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not start:\n" + Files.readString(log));
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The number of renders the service's metrics show running. */
    int rendersInFlight() throws Exception {
        Matcher m = Pattern.compile("(?m)^avatar_renders_in_flight ([0-9.]+)").matcher(get("/actuator/prometheus"));
        return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
    }

    /** Polls until {@code condition} holds, failing with the service's log after {@code seconds}. */
    void await(String what, int seconds, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the service never got " + what + (process.isAlive() ? "" : " (it exited)")
                + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
