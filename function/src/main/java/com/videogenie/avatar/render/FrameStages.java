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
 * The stages a request may add after the renderer, and its choice among them: a lip-sync network for
 * {@code mouth} (else the CPU renderer's own formant mouth) and an enhancer for {@code enhance}. A
 * stage that could not be loaded is remembered with its error, so asking for it gives that error's
 * code (LICENSE_NOT_ACCEPTED, MODEL_UNAVAILABLE) and reason. {@code mouth=auto} takes the first
 * loaded of {@link #AUTO_MOUTHS}; a non-commercial network only loads with the operator's opt-in,
 * so auto never picks one without it.
 */
public final class FrameStages implements AutoCloseable {
    /** The CPU renderer's mouth: formant analysis of the speech, drawn by the renderer itself. */
    public static final String FORMANT = "formant";
    /** Preferred for {@code mouth=auto}, in order; Diff2Lip (a network call per denoising step) only when named. */
    static final List<String> AUTO_MOUTHS = List.of("musetalk", "wav2lip");

    /**
     * What a request gets: the stages to run after the renderer, in order, and the names reported in
     * the result's {@code stages} ({@code enhance} null when none ran).
     */
    public record Choice(List<FrameEnhancer> chain, String mouth, String enhance) {
        /** Whether a network draws the mouth, so the renderer should leave it at rest. */
        public boolean neuralMouth() {
            return !FORMANT.equals(mouth);
        }
    }

    private final Map<String, FrameEnhancer> mouths = new LinkedHashMap<>();
    private final Map<String, FrameEnhancer> enhancers = new LinkedHashMap<>();
    private final Map<String, FrameStageProvider.Kind> kinds = new LinkedHashMap<>();
    private final Map<String, AvatarException> unavailable = new LinkedHashMap<>();

    /** No stages: the formant mouth and no enhancer. */
    public static FrameStages none() {
        return new FrameStages();
    }

    /** Every provider on the class path, loaded or remembered with why not. */
    public static FrameStages load(ModelRegistry models) {
        FrameStages stages = new FrameStages();
        for (FrameStageProvider provider : ServiceLoader.load(FrameStageProvider.class)) {
            stages.kinds.put(provider.name(), provider.kind());
            try {
                stages.add(provider.kind(), provider.open(models));
            } catch (AvatarException e) {
                stages.unavailable.put(provider.name(), e);
            }
        }
        return stages;
    }

    /** Adds a loaded stage (which these stages then own and close). */
    public FrameStages add(FrameStageProvider.Kind kind, FrameEnhancer stage) {
        kinds.put(stage.name(), kind);
        unavailable.remove(stage.name());
        (kind == FrameStageProvider.Kind.MOUTH ? mouths : enhancers).put(stage.name(), stage);
        return this;
    }

    /** Remembers a stage that could not be loaded, with the error a request for it gets. */
    public FrameStages unavailable(String name, FrameStageProvider.Kind kind, AvatarException why) {
        kinds.put(name, kind);
        unavailable.put(name, why);
        return this;
    }

    /** The stages for a request's {@code mouth} and {@code enhance}; the caller's errors are coded. */
    public Choice choose(String mouth, String enhance) {
        List<FrameEnhancer> chain = new ArrayList<>();
        String mouthName = FORMANT;
        if (mouth == null || mouth.isBlank() || RenderRequest.AUTO_MOUTH.equals(mouth)) {
            for (String candidate : AUTO_MOUTHS) {
                FrameEnhancer stage = mouths.get(candidate);
                if (stage != null) {
                    chain.add(stage);
                    mouthName = candidate;
                    break;
                }
            }
        } else if (!FORMANT.equals(mouth)) {
            chain.add(named(mouth, "mouth", mouths, FrameStageProvider.Kind.MOUTH));
            mouthName = mouth;
        }
        String enhanceName = null;
        if (enhance != null && !enhance.isBlank() && !RenderRequest.NO_ENHANCE.equals(enhance)) {
            chain.add(named(enhance, "enhance", enhancers, FrameStageProvider.Kind.ENHANCE));
            enhanceName = enhance;
        }
        return new Choice(List.copyOf(chain), mouthName, enhanceName);
    }

    private FrameEnhancer named(String name, String field, Map<String, FrameEnhancer> loaded,
                                FrameStageProvider.Kind kind) {
        FrameEnhancer stage = loaded.get(name);
        if (stage != null) {
            return stage;
        }
        AvatarException why = kinds.get(name) == kind ? unavailable.get(name) : null;
        if (why != null) {
            throw new AvatarException(why.code(), field + " " + name + " is not available here: " + why.getMessage());
        }
        throw new AvatarException(ErrorCode.INVALID_REQUEST, field + " must be one of " + names(kind) + ", got '"
                + name + "'.");
    }

    /** Every value a request may give the field of {@code kind}. */
    public List<String> names(FrameStageProvider.Kind kind) {
        List<String> names = new ArrayList<>();
        names.add(kind == FrameStageProvider.Kind.MOUTH ? RenderRequest.AUTO_MOUTH : RenderRequest.NO_ENHANCE);
        if (kind == FrameStageProvider.Kind.MOUTH) {
            names.add(FORMANT);
        }
        kinds.forEach((name, k) -> {
            if (k == kind) {
                names.add(name);
            }
        });
        return names;
    }

    /** One line per stage for the start-up log: loaded with its networks' licences, or why not. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        for (Map<String, FrameEnhancer> loaded : List.of(mouths, enhancers)) {
            for (FrameEnhancer stage : loaded.values()) {
                StringBuilder line = new StringBuilder(label(stage.name()) + ": ready");
                for (var spec : stage.models()) {
                    line.append("; ").append(spec.file()).append(" (").append(spec.license()).append(", commercial use ")
                            .append(spec.commercial().name().toLowerCase(Locale.ROOT)).append(')');
                }
                lines.add(line.toString());
            }
        }
        unavailable.forEach((name, why) -> lines.add(label(name) + ": unavailable, " + why.getMessage()));
        return lines;
    }

    private String label(String name) {
        return (kinds.get(name) == FrameStageProvider.Kind.MOUTH ? "mouth " : "enhance ") + name;
    }

    @Override
    public void close() {
        for (Map<String, FrameEnhancer> loaded : List.of(mouths, enhancers)) {
            for (FrameEnhancer stage : loaded.values()) {
                try {
                    stage.close();
                } catch (Exception ignored) {
                    // Freeing native models at shutdown; nothing left to protect.
                }
            }
        }
    }
}
