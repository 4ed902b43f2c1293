/**
 * The MCP STDIO adapter: {@code ./avatar mcp} serves one tool, {@code render_avatar}, over the
 * Model Context Protocol. It translates tool calls to {@link com.videogenie.avatar.RenderRequest}
 * and {@link com.videogenie.avatar.RenderResult} back to tool results; all render logic stays in
 * the core. Standard output carries only JSON-RPC messages; every log line goes to stderr.
 */
package com.videogenie.avatar.mcp;
