package com.videogenie.avatar.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository's files as the tests read them; tests run in deploy-checks/, the root is one level up. */
final class Repository {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (Kubernetes files may hold several, separated by ---). */
    static List<JsonNode> yamlDocuments(Path file) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return documents.readAll().stream().filter(node -> node != null && !node.isNull() && !node.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static JsonNode yaml(String relative) {
        List<JsonNode> documents = yamlDocuments(path(relative));
        if (documents.size() != 1) {
            throw new IllegalStateException(relative + " holds " + documents.size() + " documents, expected one");
        }
        return documents.get(0);
    }

    /** The text of section {@code ## title} of a Markdown file, up to the next second-level heading. */
    static String section(String relative, String title) {
        String text = read(relative);
        int start = text.indexOf("\n## " + title + "\n");
        if (start < 0) {
            throw new IllegalStateException(relative + " has no section '## " + title + "'");
        }
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The test command of README "The two commands": the first command after "Test (what CI runs)". */
    static String readmeTestCommand() {
        String section = section("README.md", "The two commands");
        int label = section.indexOf("Test (what CI runs)");
        int fence = section.indexOf("```sh\n", label);
        if (label < 0 || fence < 0) {
            throw new IllegalStateException("README 'The two commands' no longer names the test command");
        }
        return section.substring(fence + "```sh\n".length(), section.indexOf('\n', fence + "```sh\n".length())).trim();
    }

    /** A shell command's words without batch-mode flags, which change the log, not what runs. */
    static List<String> commandWords(String command) {
        return List.of(command.trim().split("\\s+")).stream()
                .filter(word -> !word.equals("-B") && !word.equals("--batch-mode")).toList();
    }
}
