/**
 * The framework-free core: {@link com.videogenie.avatar.RenderAvatar} and its request, result and
 * errors. Adapters (CLI, HTTP, MCP) only translate their protocol to and from these types.
 */
package com.videogenie.avatar;
