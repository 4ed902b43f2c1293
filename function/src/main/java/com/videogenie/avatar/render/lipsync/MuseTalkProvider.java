package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.FrameStageProvider;

/** Offers {@code mouth=musetalk} wherever its four exports are mounted (its weights may be used commercially). */
public final class MuseTalkProvider implements FrameStageProvider {
    @Override
    public String name() {
        return "musetalk";
    }

    @Override
    public Kind kind() {
        return Kind.MOUTH;
    }

    @Override
    public FrameEnhancer open(ModelRegistry models) {
        return LipSyncStage.musetalk(NeuralModels.fromEnvironment(models.environment()));
    }
}
