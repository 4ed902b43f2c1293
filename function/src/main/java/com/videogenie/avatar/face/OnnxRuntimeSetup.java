package com.videogenie.avatar.face;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * Session options for the face models. Errors-only logging: ONNX Runtime's default level prints
 * graph-optimisation notes on every model load, noise on stderr (and in an MCP client's log) that
 * a user cannot act on. One intra-op thread: the models are small and run once per job, and the
 * render threads own the cores.
 */
final class OnnxRuntimeSetup {
    private OnnxRuntimeSetup() {
    }

    static OrtSession.SessionOptions sessionOptions() {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setIntraOpNumThreads(1);
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime rejected the session options", e);
        }
        return options;
    }
}
