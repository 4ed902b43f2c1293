package com.videogenie.avatar.model;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Generated model bytes and manifests for tests; the checksum is computed here, not by the code under test. */
final class TestModels {
    private TestModels() {
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static ModelSpec spec(String name, URI url, byte[] bytes) {
        return new ModelSpec(name, name + ".onnx", url, sha256(bytes), bytes.length, "Apache-2.0", "test model " + name);
    }

    /** Writes the specs as manifest text and loads it, so tests go through the real parser. */
    static ModelManifest manifest(ModelSpec... specs) {
        StringBuilder text = new StringBuilder("# test manifest\n");
        for (ModelSpec spec : specs) {
            String n = spec.name();
            text.append(n).append(".file=").append(spec.file()).append('\n')
                    .append(n).append(".url=").append(spec.url()).append('\n')
                    .append(n).append(".sha256=").append(spec.sha256()).append('\n')
                    .append(n).append(".size=").append(spec.size()).append('\n')
                    .append(n).append(".license=").append(spec.license()).append('\n')
                    .append(n).append(".description=").append(spec.description()).append('\n');
        }
        return ModelManifest.load(
                new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), "test manifest");
    }
}
