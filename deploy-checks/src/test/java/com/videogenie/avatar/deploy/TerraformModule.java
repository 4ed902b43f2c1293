package com.videogenie.avatar.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * terraform/*.tf parsed with hcl4j and merged the way Terraform merges a module's files. hcl4j keeps a
 * reference as its dotted text ({@code aws_s3_bucket.outputs.arn}), an index as {@code .value}
 * ({@code resources[0].name} reads {@code resources.value.name}), an interpolation as its text without
 * {@code ${}}, and a function call as null; a block given once is a map, a repeated block a list.
 */
final class TerraformModule {
    static final Path FOLDER = Repository.path("terraform");

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> resources = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> data = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    private final Map<String, Object> locals = new LinkedHashMap<>();
    private final List<Map<String, Object>> providers = new ArrayList<>();

    static TerraformModule load() {
        TerraformModule module = new TerraformModule();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
                module.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return module;
    }

    @SuppressWarnings("unchecked")
    private void add(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, Object> parsed;
        try {
            parsed = (Map<String, Object>) plain(new HCLParser().parse(text));
        } catch (Exception e) {
            throw new IllegalStateException("hcl4j cannot parse " + file + ": " + e, e);
        }
        sources.put(file.getFileName().toString(), text);
        for (Map.Entry<String, Object> block : parsed.entrySet()) {
            Map<String, Object> body = (Map<String, Object>) block.getValue();
            switch (block.getKey()) {
                case "resource" -> mergeTyped(resources, body);
                case "data" -> mergeTyped(data, body);
                case "variable" -> body.forEach((name, value) -> variables.put(name, (Map<String, Object>) value));
                case "output" -> body.forEach((name, value) -> outputs.put(name, (Map<String, Object>) value));
                case "locals" -> locals.putAll(body);
                case "provider" -> body.values().forEach(value -> providers.addAll(blocks(value)));
                case "terraform" -> { }
                default -> throw new IllegalStateException(file + ": unexpected top-level block " + block.getKey());
            }
        }
    }

    /** Maps, lists, strings, numbers and booleans only: references and types become their text. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static void mergeTyped(Map<String, Map<String, Map<String, Object>>> into, Map<String, Object> byType) {
        byType.forEach((type, named) -> ((Map<String, Object>) named).forEach((name, body) ->
                into.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, (Map<String, Object>) body)));
    }

    /** File name -> text of every .tf file. */
    Map<String, String> sources() {
        return sources;
    }

    Map<String, Map<String, Object>> resources(String type) {
        return resources.getOrDefault(type, Map.of());
    }

    Map<String, Object> resource(String type, String name) {
        Map<String, Object> body = resources(type).get(name);
        if (body == null) {
            throw new AssertionError("terraform/ declares no resource " + type + "." + name);
        }
        return body;
    }

    Map<String, Object> data(String type, String name) {
        Map<String, Object> body = data.getOrDefault(type, Map.of()).get(name);
        if (body == null) {
            throw new AssertionError("terraform/ declares no data source " + type + "." + name);
        }
        return body;
    }

    Map<String, Map<String, Object>> variables() {
        return variables;
    }

    Map<String, Map<String, Object>> outputs() {
        return outputs;
    }

    List<Map<String, Object>> providers() {
        return providers;
    }

    /** Everything a reference may name: {@code var.x}, {@code local.x}, {@code type.name}, {@code data.type.name}. */
    List<String> declaredAddresses() {
        List<String> addresses = new ArrayList<>();
        variables.keySet().forEach(name -> addresses.add("var." + name));
        locals.keySet().forEach(name -> addresses.add("local." + name));
        resources.forEach((type, named) -> named.keySet().forEach(name -> addresses.add(type + "." + name)));
        data.forEach((type, named) -> named.keySet().forEach(name -> addresses.add("data." + type + "." + name)));
        return addresses;
    }

    /** A value with a plain {@code local.a.b} reference replaced by what the locals block says. */
    @SuppressWarnings("unchecked")
    Object resolve(Object value) {
        if (!(value instanceof String text) || !text.matches("local(\\.[A-Za-z0-9_]+)+")) {
            return value;
        }
        Object current = locals;
        for (String part : text.substring("local.".length()).split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                throw new AssertionError(text + " names nothing in the locals block");
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }

    /** A block that may be given once (a map) or several times (a list of maps), as a list. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> blocks(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return List.of((Map<String, Object>) value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> block(Map<String, Object> body, String name) {
        List<Map<String, Object>> found = blocks(body.get(name));
        if (found.size() != 1) {
            throw new AssertionError("expected one '" + name + "' block, found " + found.size() + " in " + body);
        }
        return found.get(0);
    }

    /** Every string value in the module, nested ones included: where references live. */
    List<String> strings() {
        List<String> all = new ArrayList<>();
        collect(resources, all);
        collect(data, all);
        collect(variables, all);
        collect(outputs, all);
        collect(locals, all);
        collect(providers, all);
        return all;
    }

    private static void collect(Object value, List<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> collect(v, into));
        } else if (value != null) {
            into.add(String.valueOf(value));
        }
    }
}
