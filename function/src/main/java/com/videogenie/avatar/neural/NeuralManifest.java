package com.videogenie.avatar.neural;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/** The neural networks the renderers can load ({@code models/neural.properties}, bundled in the core jar). */
public final class NeuralManifest {
    static final String BUNDLED_RESOURCE = "/com/videogenie/avatar/models/neural.properties";
    private static final List<String> KEYS = List.of(
            "file", "license", "commercial", "checkpoint", "export", "inputs", "outputs", "description");

    private final Map<String, NeuralSpec> specs;

    private NeuralManifest(Map<String, NeuralSpec> specs) {
        this.specs = Map.copyOf(specs);
    }

    public static NeuralManifest bundled() {
        try (InputStream in = NeuralManifest.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                        "The neural manifest " + BUNDLED_RESOURCE + " is missing from the classpath; rebuild the core jar.");
            }
            Properties properties = new Properties();
            properties.load(in);
            return parse(properties);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "Cannot read the neural manifest: " + e.getMessage(), e);
        }
    }

    static NeuralManifest parse(Properties properties) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            names.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.')));
        }
        Map<String, NeuralSpec> specs = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : KEYS) {
                String value = properties.getProperty(name + "." + key);
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("neural manifest: " + name + "." + key + " is missing");
                }
                values.put(key, value.strip());
            }
            specs.put(name, new NeuralSpec(name, values.get("file"), values.get("license"),
                    NeuralSpec.Commercial.parse(values.get("commercial")), values.get("checkpoint"),
                    values.get("export"), values.get("inputs"), values.get("outputs"), values.get("description")));
        }
        return new NeuralManifest(specs);
    }

    public NeuralSpec spec(String name) {
        NeuralSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no network named '" + name + "' in the neural manifest");
        }
        return spec;
    }
}
