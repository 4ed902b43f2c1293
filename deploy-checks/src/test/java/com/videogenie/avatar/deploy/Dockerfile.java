package com.videogenie.avatar.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as instructions grouped by build stage: continuation lines joined, comments dropped,
 * global ARG defaults substituted into FROM lines the way the builder does.
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String name, String base, List<Instruction> instructions) {
        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        String last(String keyword) {
            List<String> all = arguments(keyword);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }

    static Dockerfile parse(String text) {
        Map<String, String> args = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String instruction = pending.toString().strip();
            pending.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String arguments = parts.length > 1 ? parts[1] : "";
            if (keyword.equals("FROM")) {
                String[] from = arguments.split("\\s+");
                String base = substitute(from[0], args);
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                stages.add(new Stage(name, base, new ArrayList<>()));
            } else if (stages.isEmpty() && keyword.equals("ARG")) {
                String[] pair = arguments.split("=", 2);
                args.put(pair[0], pair.length > 1 ? pair[1] : null);
            } else if (stages.isEmpty()) {
                throw new IllegalStateException("instruction before the first FROM: " + instruction);
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(args, stages);
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("FROM uses ARG " + m.group(1) + " without a default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("Dockerfile has no stage " + name));
    }

    /** The stage a plain {@code docker build} produces. */
    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** The stages an image is made of: this one and the ones it is FROM, down to an external image. */
    List<Stage> lineage(Stage stage) {
        List<Stage> chain = new ArrayList<>();
        Stage current = stage;
        while (current != null) {
            chain.add(current);
            String base = current.base();
            current = stages.stream().filter(s -> base.equals(s.name())).findFirst().orElse(null);
        }
        return chain;
    }

    /** The value an image ends up with for an instruction: its own last one, else its base stages'. */
    String inherited(Stage stage, String keyword) {
        for (Stage s : lineage(stage)) {
            String value = s.last(keyword);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Images pulled from a registry: FROM lines that do not name an earlier stage. */
    List<String> externalImages() {
        List<String> names = stages.stream().map(Stage::name).filter(n -> n != null).toList();
        return stages.stream().map(Stage::base).filter(base -> !names.contains(base)).distinct().toList();
    }
}
