/**
 * The command-line adapter: parses arguments into a RenderRequest and prints the RenderResult. Also
 * holds the encode-only benchmark that {@code scripts/benchmark-render.sh} runs.
 */
package com.videogenie.avatar.cli;
