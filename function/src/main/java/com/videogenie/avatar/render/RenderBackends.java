package com.videogenie.avatar.render;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.model.ModelRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The renderers this process can use, and the choice a request makes among them. The fallback (the
 * CPU warp) is always present; others come from {@link RenderBackendProvider}s on the class path,
 * and one whose models could not be loaded is remembered with the reason, so asking for it says why.
 */
public final class RenderBackends implements AutoCloseable {
    /** The request value that lets the service choose. */
    public static final String AUTO = RenderRequest.AUTO_RENDERER;

    /** The backend a request gets, and a warning to report when it is not what was hoped for. */
    public record Choice(RenderBackend backend, String warning) {
    }

    private final RenderBackend fallback;
    private final Map<String, RenderBackend> available = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Map<String, ErrorCode> refusals = new LinkedHashMap<>();

    /**
     * @param fallback    the backend that works everywhere, chosen when no automatic one is loaded
     * @param backends    further loaded backends
     * @param unavailable backends that could not be loaded, by name, with the reason
     */
    public RenderBackends(RenderBackend fallback, List<RenderBackend> backends, Map<String, String> unavailable) {
        this.fallback = fallback;
        available.put(fallback.name(), fallback);
        for (RenderBackend backend : backends) {
            available.put(backend.name(), backend);
        }
        this.unavailable.putAll(unavailable);
        this.unavailable.keySet().removeAll(available.keySet());
    }

    /** The fallback and every provider on the class path that loads. */
    public static RenderBackends load(RenderBackend fallback, ModelRegistry models) {
        List<RenderBackend> loaded = new ArrayList<>();
        Map<String, AvatarException> failed = new LinkedHashMap<>();
        for (RenderBackendProvider provider : ServiceLoader.load(RenderBackendProvider.class)) {
            try {
                loaded.add(provider.open(models));
            } catch (AvatarException e) {
                failed.put(provider.name(), e);
            }
        }
        return withFailures(fallback, loaded, failed);
    }

    /** Only the fallback, and backends refused with these errors, whose codes a request naming them gets. */
    public static RenderBackends refused(RenderBackend fallback, Map<String, AvatarException> failed) {
        return withFailures(fallback, List.of(), failed);
    }

    private static RenderBackends withFailures(RenderBackend fallback, List<RenderBackend> loaded,
                                               Map<String, AvatarException> failed) {
        Map<String, String> reasons = new LinkedHashMap<>();
        failed.forEach((name, e) -> reasons.put(name, e.getMessage()));
        RenderBackends backends = new RenderBackends(fallback, loaded, reasons);
        failed.forEach((name, e) -> backends.refusals.put(name, e.code()));
        return backends;
    }

    /**
     * The backend for a request's {@code renderer}: null or {@code auto} takes the first automatic
     * backend and else the fallback, warning when a backend that could have been chosen is missing.
     */
    public Choice choose(String requested) {
        if (requested == null || requested.isBlank() || AUTO.equals(requested)) {
            for (RenderBackend backend : available.values()) {
                if (backend.automatic()) {
                    return new Choice(backend, null);
                }
            }
            String warning = unavailable.isEmpty() ? null : "renderer auto: " + String.join(", ",
                    unavailable.keySet()) + " unavailable (" + String.join("; ", unavailable.values())
                    + "); " + fallback.name() + " ran.";
            return new Choice(fallback, warning);
        }
        RenderBackend backend = available.get(requested);
        if (backend != null) {
            return new Choice(backend, null);
        }
        if (unavailable.containsKey(requested)) {
            throw new AvatarException(refusals.getOrDefault(requested, ErrorCode.MODEL_UNAVAILABLE), "The renderer " + requested
                    + " is not available here: " + unavailable.get(requested));
        }
        throw new AvatarException(ErrorCode.INVALID_REQUEST, "renderer must be one of " + names() + ", got '"
                + requested + "'.");
    }

    /** Every name a request may give, {@code auto} first. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(AUTO);
        names.addAll(available.keySet());
        names.addAll(unavailable.keySet());
        return names;
    }

    /** Loaded backends, for the start-up report. */
    public List<RenderBackend> loaded() {
        return List.copyOf(available.values());
    }

    /**
     * One line per backend for the start-up log: what loaded, the networks it runs with their
     * licences, and what could not load and why.
     */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        for (RenderBackend backend : available.values()) {
            StringBuilder line = new StringBuilder("renderer " + backend.name() + ": ready");
            for (var spec : backend.models()) {
                line.append("; ").append(spec.file()).append(" (").append(spec.license()).append(", commercial use ")
                        .append(spec.commercial().name().toLowerCase(Locale.ROOT)).append(')');
            }
            lines.add(line.toString());
        }
        unavailable.forEach((name, reason) -> lines.add("renderer " + name + ": unavailable, " + reason));
        return lines;
    }

    /** Backends that could not be loaded, with the reason. */
    public Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    @Override
    public void close() {
        for (RenderBackend backend : available.values()) {
            try {
                backend.close();
            } catch (Exception ignored) {
                // Freeing native models at shutdown; nothing left to protect.
            }
        }
    }
}
