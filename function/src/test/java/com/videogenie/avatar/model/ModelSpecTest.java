package com.videogenie.avatar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static final URI URL = URI.create("https://example.org/model.onnx");
    private static final String SHA = "ed487104519b0a88cb2cb2ec3678e183f447fb9dd63560998e960ffbaa8fb335";

    @Test
    void storesTheChecksumInLowerCase() {
        ModelSpec spec = new ModelSpec("face_mesh", "m.onnx", URL, SHA.toUpperCase(), 1, "Apache-2.0", "d");

        assertEquals(SHA, spec.sha256());
    }

    @Test
    void rejectsAChecksumThatIsNotSixtyFourHexDigits() {
        assertRejected("sha256", () -> new ModelSpec("m", "m.onnx", URL, SHA.substring(1), 1, "l", "d"));
        assertRejected("sha256", () -> new ModelSpec("m", "m.onnx", URL, SHA.replace('e', 'g'), 1, "l", "d"));
    }

    @Test
    void rejectsAFileNameThatLeavesItsFolder() {
        assertRejected("file", () -> new ModelSpec("m", "../m.onnx", URL, SHA, 1, "l", "d"));
        assertRejected("file", () -> new ModelSpec("m", "..", URL, SHA, 1, "l", "d"));
    }

    @Test
    void rejectsANonPositiveSize() {
        assertRejected("size", () -> new ModelSpec("m", "m.onnx", URL, SHA, 0, "l", "d"));
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        assertRejected("url", () -> new ModelSpec("m", "m.onnx", URI.create("file:/tmp/m.onnx"), SHA, 1, "l", "d"));
    }

    @Test
    void rejectsANameWithCapitalsOrSpaces() {
        assertRejected("name", () -> new ModelSpec("Face Mesh", "m.onnx", URL, SHA, 1, "l", "d"));
    }

    @Test
    void rejectsAnEmptyLicense() {
        assertRejected("license", () -> new ModelSpec("m", "m.onnx", URL, SHA, 1, " ", "d"));
    }

    private static void assertRejected(String field, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }
}
