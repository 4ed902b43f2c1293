package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form layers: no package reaches back into one that depends on it, and none
 * imports a framework. Read from the sources, so a new cycle fails the build where it is written.
 * The root package is the composition (the pipeline, its request and settings) and is left out.
 */
class PackageDependenciesTest {
    private static final String ROOT = "com.videogenie.avatar";
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(com\\.videogenie\\.avatar\\.[a-z0-9.]+?)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern FRAMEWORK = Pattern.compile("^import (?:static )?(org\\.springframework|jakarta\\.|io\\.cloudevents)",
            Pattern.MULTILINE);
    private static final Path SOURCES = Path.of("src/main/java/com/videogenie/avatar");

    private static final Map<String, Set<String>> uses = new TreeMap<>();
    private static final List<String> frameworkImports = new ArrayList<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = ROOT + SOURCES.relativize(file.getParent()).toString().replace('/', '.')
                        .transform(rest -> rest.isEmpty() ? "" : "." + rest);
                String text = Files.readString(file);
                Set<String> targets = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    String target = imports.group(1);
                    if (!target.equals(pkg) && !target.equals(ROOT)) {
                        targets.add(target);
                    }
                }
                if (FRAMEWORK.matcher(text).find()) {
                    frameworkImports.add(SOURCES.relativize(file).toString());
                }
            }
        }
        uses.remove(ROOT);
    }

    @Test
    void sourcesAreRead() {
        // Guards the test itself: a wrong source path would find nothing and pass.
        assertTrue(uses.keySet().containsAll(Set.of(ROOT + ".input", ROOT + ".storage", ROOT + ".render")),
                "packages read: " + uses.keySet());
    }

    @Test
    void noPackageCycles() {
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = cycleFrom(start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void coreImportsNoFramework() {
        assertEquals(List.of(), frameworkImports);
    }

    // Depth-first search for a way back to start; returns the packages on it, or null.
    private static List<String> cycleFrom(String start, String at, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
