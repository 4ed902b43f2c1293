package com.videogenie.avatar.render.fomm;

import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.render.RenderBackend;
import com.videogenie.avatar.render.RenderBackendProvider;

/** Offers {@code renderer=fomm} wherever its exports are mounted (AVATAR_NEURAL_DIR) and allowed. */
public final class FommBackendProvider implements RenderBackendProvider {
    @Override
    public String name() {
        return FommBackend.NAME;
    }

    @Override
    public RenderBackend open(ModelRegistry models) {
        return FommBackend.open(NeuralModels.fromEnvironment(models.environment()));
    }
}
