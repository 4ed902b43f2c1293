package com.videogenie.avatar.model;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The models the renderer needs, read from a properties file with the keys {@code <name>.file},
 * {@code .url}, {@code .sha256}, {@code .size}, {@code .license} and {@code .description}. Every entry
 * is validated when loaded, so a broken manifest fails at start-up with the offending key named.
 */
public final class ModelManifest {
    /** Where {@code models/manifest.properties} is bundled in the core jar (see function/pom.xml). */
    public static final String BUNDLED_RESOURCE = "/com/videogenie/avatar/models/manifest.properties";

    private static final List<String> FIELDS = List.of("file", "url", "sha256", "size", "license", "description");

    private final SortedMap<String, ModelSpec> specs;

    private ModelManifest(SortedMap<String, ModelSpec> specs) {
        this.specs = Collections.unmodifiableSortedMap(specs);
    }

    /** The manifest shipped inside the core jar. */
    public static ModelManifest bundled() {
        try (InputStream in = ModelManifest.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                        "The model manifest " + BUNDLED_RESOURCE + " is missing from the classpath; rebuild the core jar.");
            }
            return load(in, "classpath:" + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw unreadable("classpath:" + BUNDLED_RESOURCE, e);
        }
    }

    public static ModelManifest load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    /** Reads a manifest from {@code in} (UTF-8); {@code source} names it in error messages. */
    public static ModelManifest load(InputStream in, String source) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(source, e);
        }
        Map<String, Map<String, String>> entries = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String field = dot < 0 ? "" : key.substring(dot + 1);
            if (dot <= 0 || !FIELDS.contains(field)) {
                throw invalid(source, key, "is not a known key; expected <name>." + String.join("|", FIELDS));
            }
            String name = key.substring(0, dot);
            if (!ModelSpec.isValidName(name)) {
                throw invalid(source, key, "does not start with a valid model name (lower-case letters, digits, '_')");
            }
            entries.computeIfAbsent(name, n -> new HashMap<>())
                    .put(field, properties.getProperty(key).strip());
        }
        if (entries.isEmpty()) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "The model manifest " + source + " names no models.");
        }
        SortedMap<String, ModelSpec> specs = new TreeMap<>();
        Map<String, String> modelByFile = new HashMap<>();
        entries.forEach((name, fields) -> {
            ModelSpec spec = toSpec(source, name, fields);
            String clash = modelByFile.putIfAbsent(spec.file(), name);
            if (clash != null) {
                throw invalid(source, name + ".file",
                        "names '" + spec.file() + "', which is already the file of model '" + clash + "'");
            }
            specs.put(name, spec);
        });
        return new ModelManifest(specs);
    }

    /** The model called {@code name}; MODEL_UNAVAILABLE when the manifest does not list it. */
    public ModelSpec spec(String name) {
        ModelSpec spec = specs.get(name);
        if (spec == null) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    "No model called '" + name + "' in the model manifest; known models: " + specs.keySet() + ".");
        }
        return spec;
    }

    /** Every model, ordered by name. */
    public List<ModelSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** Every model name, in order. */
    public Set<String> names() {
        return specs.keySet();
    }

    private static ModelSpec toSpec(String source, String name, Map<String, String> fields) {
        for (String field : FIELDS) {
            if (fields.get(field) == null || fields.get(field).isEmpty()) {
                throw invalid(source, name + "." + field, "is missing or empty");
            }
        }
        URI url;
        try {
            url = new URI(fields.get("url"));
        } catch (URISyntaxException e) {
            throw invalid(source, name + ".url", "is not a URL: " + e.getMessage());
        }
        long size;
        try {
            size = Long.parseLong(fields.get("size"));
        } catch (NumberFormatException e) {
            throw invalid(source, name + ".size", "must be a whole number of bytes, got '" + fields.get("size") + "'");
        }
        try {
            return new ModelSpec(name, fields.get("file"), url, fields.get("sha256"), size,
                    fields.get("license"), fields.get("description"));
        } catch (IllegalArgumentException e) {
            // ModelSpec messages start with the field name, so this reads "face_mesh.sha256 must be ...".
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    "Invalid model manifest " + source + ": " + name + "." + e.getMessage() + ".", e);
        }
    }

    private static AvatarException invalid(String source, String key, String problem) {
        return new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                "Invalid model manifest " + source + ": " + key + " " + problem + ".");
    }

    private static AvatarException unreadable(String source, Exception cause) {
        return new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                "Cannot read the model manifest " + source + ": " + cause.getMessage(), cause);
    }
}
