/**
 * The HTTP adapter: a Spring Boot application that answers CloudEvents (binary and structured) at
 * {@code POST /} and plain JSON at {@code POST /renderAvatar} with the core renderAvatar function,
 * for Knative. It only translates HTTP and events to and from {@code RenderRequest}/{@code RenderResult};
 * around the function it adds what a service needs: bounded concurrency, joining repeated jobs,
 * metrics, warm-up before readiness.
 */
package com.videogenie.avatar.http;
