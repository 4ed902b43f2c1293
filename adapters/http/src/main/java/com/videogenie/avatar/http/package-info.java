/**
 * The HTTP adapter: a Spring Boot application that answers CloudEvents (binary and structured) at
 * {@code POST /} and plain JSON at {@code POST /renderAvatar} with the core renderAvatar function,
 * for Knative, and streams live avatars over the WebSocket {@code /live}. It only translates HTTP
 * and events to and from {@code RenderRequest}/{@code RenderResult} (and the live protocol to a
 * {@code LiveSession});
 * around the function it adds what a service needs: bounded concurrency, joining repeated jobs,
 * metrics, warm-up before readiness.
 */
package com.videogenie.avatar.http;
