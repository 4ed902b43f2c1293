/** The command-line adapter: parses arguments into a RenderRequest and prints the RenderResult. */
package com.videogenie.avatar.cli;
