package com.videogenie.avatar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
    private static final String VALID = """
            face_mesh.file=face_landmark.onnx
            face_mesh.url=https://example.org/models/face_landmark.onnx
            face_mesh.sha256=ed487104519b0a88cb2cb2ec3678e183f447fb9dd63560998e960ffbaa8fb335
            face_mesh.size=2440358
            face_mesh.license=Apache-2.0
            face_mesh.description=468 landmarks
            """;

    @Test
    void bundledManifestNamesTheThreeModels() {
        ModelManifest manifest = ModelManifest.bundled();

        assertEquals(Set.of("face_detector_short", "face_detector_full", "face_mesh"), manifest.names());
        assertEquals("face_detection_front_128x128.onnx", manifest.spec("face_detector_short").file());
        assertEquals("face_detection_back_256x256.onnx", manifest.spec("face_detector_full").file());
        assertEquals("face_landmark.onnx", manifest.spec("face_mesh").file());
        for (ModelSpec spec : manifest.specs()) {
            assertEquals("https", spec.url().getScheme(), spec.name());
            assertEquals("github.com", spec.url().getHost(), spec.name());
            assertEquals("Apache-2.0", spec.license(), spec.name());
        }
    }

    @Test
    void readsEveryFieldOfAnEntry() {
        ModelSpec spec = parse(VALID).spec("face_mesh");

        assertEquals("face_landmark.onnx", spec.file());
        assertEquals("https://example.org/models/face_landmark.onnx", spec.url().toString());
        assertEquals("ed487104519b0a88cb2cb2ec3678e183f447fb9dd63560998e960ffbaa8fb335", spec.sha256());
        assertEquals(2440358, spec.size());
        assertEquals("Apache-2.0", spec.license());
        assertEquals("468 landmarks", spec.description());
    }

    @Test
    void loadsFromAFile(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("manifest.properties"), VALID);

        assertEquals(List.of("face_mesh"), List.copyOf(ModelManifest.load(file).names()));
    }

    @Test
    void rejectsAModelItDoesNotName() {
        AvatarException e = assertThrows(AvatarException.class, () -> parse(VALID).spec("lip_syncer"));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), "lip_syncer", "face_mesh");
    }

    @Test
    void namesTheKeyOfAMissingField() {
        assertRejected(VALID.replaceAll("face_mesh.license=.*\n", ""), "face_mesh.license", "missing");
    }

    @Test
    void namesTheKeyOfABadChecksum() {
        assertRejected(VALID.replace("=ed48", "=xx48"), "face_mesh.sha256", "64 hexadecimal");
    }

    @Test
    void namesTheKeyOfABadSize() {
        assertRejected(VALID.replace("=2440358", "=2.4MB"), "face_mesh.size", "2.4MB");
    }

    @Test
    void namesTheKeyOfANonHttpsUrl() {
        assertRejected(VALID.replace("https://example.org", "ftp://example.org"), "face_mesh.url", "ftp://");
    }

    @Test
    void namesTheKeyOfAFileNameWithAFolder() {
        assertRejected(VALID.replace("=face_landmark.onnx", "=../face_landmark.onnx"), "face_mesh.file");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertRejected(VALID + "face_mesh.checksum=abc\n", "face_mesh.checksum");
    }

    @Test
    void rejectsTwoModelsSharingAFile() {
        assertRejected(VALID + VALID.replace("face_mesh.", "face_mesh_copy."), "face_mesh_copy.file", "face_landmark.onnx");
    }

    @Test
    void rejectsAnEmptyManifest() {
        assertRejected("# nothing here\n", "names no models");
    }

    private static void assertRejected(String text, String... parts) {
        AvatarException e = assertThrows(AvatarException.class, () -> parse(text));
        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), parts);
        assertContains(e.getMessage(), "test.properties");
    }

    private static ModelManifest parse(String text) {
        return ModelManifest.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.properties");
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }
}
