package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.AudioWindow;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameEnhancer;

/**
 * A job's lip-sync stage over the renderer's frames: for each frame the face box from the region the
 * renderer reported, its crop at the network's size, the audio features the reference would give
 * that frame, then the network on full batches and its lower face pasted back through the feathered
 * {@link LowerFaceMask}. Buffers are sized once for the network's batch and the frame.
 */
final class LipSyncPass implements FrameEnhancer.Pass {
    private final LipSyncNetwork network;
    private final LipSyncNetwork.Geometry geometry;
    private final LipSyncAudio audio;
    private final int frameWidth;
    private final int frameHeight;
    private final float[] crops;
    private final float[] sound;
    private final float[] generated;
    private final FaceBox[] boxes;
    private final int[] slots;
    private final float[] mask;
    private int maskWidth;
    private int maskHeight;

    LipSyncPass(LipSyncNetwork network, int frameWidth, int frameHeight) {
        this.network = network;
        this.geometry = network.geometry();
        this.audio = network.audio();
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        int capacity = network.capacity();
        int face = 3 * geometry.size() * geometry.size();
        this.crops = new float[capacity * face];
        this.generated = new float[capacity * face];
        this.sound = new float[capacity * audio.size()];
        this.boxes = new FaceBox[capacity];
        this.slots = new int[capacity];
        this.mask = new float[frameWidth * frameHeight];
    }

    @Override
    public int batchSize() {
        return network.capacity();
    }

    @Override
    public AudioWindow.Span audioSpan() {
        return audio.span();
    }

    @Override
    public void enhance(FrameBatch batch) {
        int face = 3 * geometry.size() * geometry.size();
        int chunk = audio.size();
        int slot = 0;
        while (slot < batch.size()) {
            int count = 0;
            for (; slot < batch.size() && count < network.capacity(); slot++) {
                FaceBox box = FaceBox.of(batch.face(slot), geometry, frameWidth, frameHeight);
                if (!box.usable()) {
                    continue;
                }
                FaceCrops.crop(batch.image(slot), box, geometry.size(), geometry.order(), crops, count * face);
                audio.features(batch.audio(slot), batch.motion(slot).frame(), sound, count * chunk);
                boxes[count] = box;
                slots[count] = slot;
                count++;
            }
            if (count == 0) {
                continue;
            }
            network.generate(crops, sound, count, generated);
            for (int k = 0; k < count; k++) {
                FaceBox box = boxes[k];
                if (box.width() != maskWidth || box.height() != maskHeight) {
                    LowerFaceMask.fill(box.width(), box.height(), mask);
                    maskWidth = box.width();
                    maskHeight = box.height();
                }
                FaceCrops.paste(generated, k * face, geometry.size(), geometry.order(), box, mask,
                        batch.image(slots[k]));
            }
        }
    }

    @Override
    public void close() {
        network.close();
    }
}
