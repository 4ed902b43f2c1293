/**
 * The model registry: which ONNX models the renderer needs ({@link ModelManifest}, pinned by URL,
 * sha256 and size) and where their verified local files are ({@link ModelRegistry}). The only code
 * that reads or downloads model files; it runs at start-up, never per request or per frame.
 */
package com.videogenie.avatar.model;
