# The HTTP renderer for Knative GPU nodes (see README, "HTTP service and Knative").
# Build the jars first: mvn -B -DskipTests -pl adapters/http -am package
# then: docker build -t avatar-renderer:0.1.0 .   (and push it to your registry)
# The CUDA runtime base provides the CUDA user-space libraries; NVENC itself (libnvidia-encode) and
# libcuda come from the node's NVIDIA driver, mounted by the NVIDIA container toolkit. Without a GPU
# the encoder falls back to libx264. Not built in CI here (no Docker); kept deliberately simple.
FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04

RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*

# The driver capabilities NVENC needs, on top of compute.
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility,video \
    PORT=8080 \
    AVATAR_MODELS_DIR=/opt/avatar/models \
    AVATAR_WORK_DIR=/tmp/avatar-work \
    AVATAR_JAVA_OPTS="-Xmx2g -XX:+UseSerialGC"

WORKDIR /opt/avatar
COPY adapters/http/target/lib/ lib/
COPY adapters/http/target/avatar-http.jar avatar-http.jar
# The three ONNX face models (models/README.md): put them in build-context folder models/files/ first.
COPY models/files/ models/

RUN useradd --system --uid 10001 avatar
USER 10001
EXPOSE 8080
# exec: java is PID 1 and receives SIGTERM itself (it finishes running renders, then exits).
ENTRYPOINT ["sh", "-c", "exec java $AVATAR_JAVA_OPTS -jar /opt/avatar/avatar-http.jar"]
