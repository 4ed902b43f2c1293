# syntax=docker/dockerfile:1.7
# The renderer image (README, "Deploy"). Builds itself from the sources with the README's commands:
#   docker build -t avatar-renderer:dev .                  the HTTP CloudEvents service (Knative), default
#   docker build --target mcp -t avatar-renderer-mcp:dev .  the MCP STDIO server (run it with docker run -i)
#   docker build --target gpu -t avatar-renderer:dev-gpu .  the HTTP service with libtorch for CUDA 12.4: the
#                                                           neural stages on the GPU (knative/service.yaml)
# Needs BuildKit (the default builder since Docker 23) for the Maven cache mounts.
# The CUDA runtime base provides the CUDA user-space libraries; NVENC (libnvidia-encode) and libcuda come
# from the node's NVIDIA driver through the NVIDIA container toolkit. Without a GPU the encoder uses libx264.

ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17.0.13_11-jre-jammy
ARG CUDA_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04

FROM ${JRE_IMAGE} AS jre

FROM ${MAVEN_IMAGE} AS source
WORKDIR /src
COPY . .

# The three ONNX face models, fetched and checked against models/manifest.properties by the project's
# own command; the image then never downloads anything at start.
FROM source AS models
RUN --mount=type=cache,target=/root/.m2 AVATAR_CACHE_DIR=/models ./avatar models

FROM source AS build-http
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl adapters/http -am package

# The same service with DJL's CUDA build of libtorch (mvn -Pcuda): about 2.4 GB more.
FROM source AS build-http-gpu
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -Pcuda -pl adapters/http -am package

FROM source AS build-mcp
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl adapters/mcp -am package

FROM ${CUDA_IMAGE} AS runtime
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
# NVIDIA_DRIVER_CAPABILITIES: video is what NVENC needs, on top of compute.
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility,video \
    AVATAR_MODELS_DIR=/opt/avatar/models \
    AVATAR_WORK_DIR=/tmp/avatar-work \
    AVATAR_OUTPUT_DIR=/tmp/avatar-renderer \
    AVATAR_NEURAL_DIR=/opt/avatar/neural \
    DJL_CACHE_DIR=/tmp/djl \
    AVATAR_JAVA_OPTS="-Xmx2g -XX:+UseSerialGC"
RUN groupadd --system --gid 10001 avatar \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent avatar
WORKDIR /opt/avatar
# The launcher finds adapters/<name>/target/avatar-<name>.jar and its lib/ and starts it with exec,
# so java is PID 1 and receives SIGTERM itself (it finishes running renders, then exits).
COPY avatar ./avatar
COPY --from=models /models/models/ models/

FROM runtime AS mcp
COPY --from=build-mcp /src/adapters/mcp/target/avatar-mcp.jar adapters/mcp/target/avatar-mcp.jar
COPY --from=build-mcp /src/adapters/mcp/target/lib/ adapters/mcp/target/lib/
USER 10001:10001
# stdin/stdout carry the protocol; there is no port to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/opt/avatar/avatar"]
CMD ["mcp"]

# The HTTP service, whichever libtorch it carries: the port, the health check and the command.
FROM runtime AS service
# libwebrtc (the live avatar over WebRTC, POST /live/webrtc) is linked against the PulseAudio, udev,
# D-Bus and X11 client libraries, though the service opens no sound device or display.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpulse0 libudev1 libdbus-1-3 libx11-6 libxfixes3 libxrandr2 \
       libxcomposite1 \
    && rm -rf /var/lib/apt/lists/*
ENV PORT=8080
EXPOSE 8080
# For plain Docker; Knative uses the readiness and liveness probes in knative/service.yaml (same routes).
# bash's /dev/tcp instead of curl: the image carries no HTTP client.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/opt/avatar/avatar"]
CMD ["serve"]

# With the CUDA build of libtorch: on a GPU node the neural renderer and stages (FOMM, MuseTalk,
# Wav2Lip, Diff2Lip, GFPGAN) run on the GPU; mount their exports at AVATAR_NEURAL_DIR. The Knative
# services (knative/) run this one.
FROM service AS gpu
COPY --from=build-http-gpu /src/adapters/http/target/avatar-http.jar adapters/http/target/avatar-http.jar
COPY --from=build-http-gpu /src/adapters/http/target/lib/ adapters/http/target/lib/
USER 10001:10001

# Last stage: what a plain docker build produces (libtorch for the CPU: the neural stages run there).
FROM service AS http
COPY --from=build-http /src/adapters/http/target/avatar-http.jar adapters/http/target/avatar-http.jar
COPY --from=build-http /src/adapters/http/target/lib/ adapters/http/target/lib/
USER 10001:10001
