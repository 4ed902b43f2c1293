/**
 * The command-line adapter: parses arguments into a RenderRequest and prints the RenderResult;
 * {@code avatar models} fetches and verifies the models without a render. Also holds the encode-only
 * benchmark that {@code scripts/benchmark-render.sh} runs.
 */
package com.videogenie.avatar.cli;
