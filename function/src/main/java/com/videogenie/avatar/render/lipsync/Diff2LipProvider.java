package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.FrameStageProvider;

/** Offers {@code mouth=diff2lip} wherever its export is mounted and its non-commercial licence accepted. */
public final class Diff2LipProvider implements FrameStageProvider {
    @Override
    public String name() {
        return "diff2lip";
    }

    @Override
    public Kind kind() {
        return Kind.MOUTH;
    }

    @Override
    public FrameEnhancer open(ModelRegistry models) {
        return LipSyncStage.diff2lip(NeuralModels.fromEnvironment(models.environment()));
    }
}
