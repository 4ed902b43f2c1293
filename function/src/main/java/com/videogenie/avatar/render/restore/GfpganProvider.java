package com.videogenie.avatar.render.restore;

import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.FrameStageProvider;

/** Offers {@code enhance=gfpgan} wherever its export is mounted and the non-commercial opt-in given. */
public final class GfpganProvider implements FrameStageProvider {
    @Override
    public String name() {
        return GfpganEnhancer.NAME;
    }

    @Override
    public Kind kind() {
        return Kind.ENHANCE;
    }

    @Override
    public FrameEnhancer open(ModelRegistry models) {
        return GfpganEnhancer.open(NeuralModels.fromEnvironment(models.environment()));
    }
}
