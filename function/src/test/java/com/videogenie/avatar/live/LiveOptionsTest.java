package com.videogenie.avatar.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LiveOptionsTest {
    private static final byte[] PHOTO = {1, 2, 3};

    @Test
    void takesThePhotoFromExactlyOneSource() {
        assertEquals("/faces/anna.png", LiveOptions.of("/faces/anna.png").avatarUrl());
        assertArrayEquals(PHOTO, LiveOptions.ofImage(PHOTO).image());
        assertThrows(IllegalArgumentException.class, () -> new LiveOptions("/faces/anna.png", PHOTO, 512, 512, 25,
                null, LiveOptions.DEFAULT_LOOK_AHEAD_SECONDS, LiveOptions.DEFAULT_MAX_SECONDS));
        assertThrows(IllegalArgumentException.class, () -> LiveOptions.of(" "));
        assertThrows(IllegalArgumentException.class, () -> LiveOptions.ofImage(new byte[0]));
    }

    @Test
    void leavesTheUnusedSourceEmpty() {
        LiveOptions url = new LiveOptions("/faces/anna.png", new byte[0], 512, 512, 25, null, 0, 1);
        assertNull(url.image());
        LiveOptions image = new LiveOptions("", PHOTO, 512, 512, 25, null, 0, 1);
        assertNull(image.avatarUrl());
    }

    @Test
    void keepsTheUploadedBytesAsTheyWereValidated() {
        byte[] photo = PHOTO.clone();
        LiveOptions options = LiveOptions.ofImage(photo).withSize(256, 256, 25).withSeed(4);
        photo[0] = 9;
        options.image()[1] = 9;
        assertArrayEquals(PHOTO, options.image());
    }
}
