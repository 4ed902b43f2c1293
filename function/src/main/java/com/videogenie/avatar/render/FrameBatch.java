package com.videogenie.avatar.render;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.motion.FrameMotion;

/**
 * Consecutive frames handed to a renderer together: each slot has the frame's motion, the sound
 * around it, the image to draw into and the face region the renderer reports for it. A GPU renderer
 * runs its networks once per batch; the CPU renderer draws slot by slot. Images and audio buffers
 * are allocated once and reused for every batch of a job, so memory stays the same however long the
 * video is. One thread at a time.
 */
public final class FrameBatch {
    private final FrameMotion[] motions;
    private final AudioWindow[] audio;
    private final RgbImage[] images;
    private final FaceRegion[] faces;
    private int size;

    public FrameBatch(int capacity, int width, int height, AudioWindow.Span span) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a batch holds at least one frame: " + capacity);
        }
        this.motions = new FrameMotion[capacity];
        this.audio = new AudioWindow[capacity];
        this.images = new RgbImage[capacity];
        this.faces = new FaceRegion[capacity];
        for (int i = 0; i < capacity; i++) {
            faces[i] = new FaceRegion();
            audio[i] = new AudioWindow(span);
            images[i] = new RgbImage(width, height);
        }
    }

    public int capacity() {
        return images.length;
    }

    /** Frames in this batch, in order; slots past it hold stale data. */
    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Adds a frame to draw; its audio window is filled by the caller through {@link #audio}. */
    public int add(FrameMotion motion) {
        if (size == images.length) {
            throw new IllegalStateException("the batch is full (" + images.length + " frames)");
        }
        motions[size] = motion;
        return size++;
    }

    public FrameMotion motion(int slot) {
        return motions[check(slot)];
    }

    public AudioWindow audio(int slot) {
        return audio[check(slot)];
    }

    /** The slot's image: the renderer draws into it, the encoder reads it. */
    public RgbImage image(int slot) {
        return images[check(slot)];
    }

    /** Where the face is in the slot's image: the renderer writes it, enhancers read it. */
    public FaceRegion face(int slot) {
        return faces[check(slot)];
    }

    private int check(int slot) {
        if (slot < 0 || slot >= size) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + size);
        }
        return slot;
    }
}
