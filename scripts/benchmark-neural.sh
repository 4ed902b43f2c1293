#!/usr/bin/env bash
# Neural renderer benchmark: prints figures, asserts nothing. Renders the 8 s sample speech at 512x512@25
# once per backend, each in its own JVM: cpu-warp, and fomm on the stand-in networks (or on the real
# exports when AVATAR_NEURAL_DIR names them). Prints frames per second of the frame loop, model load
# time, peak RSS and the device; with an NVIDIA GPU (nvidia-smi), also the card's name.
# Needs Python 3 with PyTorch for the stand-ins (Debian: apt-get install python3-torch).
# AVATAR_MIRROR: the shared folder (default: `shared` beside the repo). AVATAR_DEVICE, AVATAR_NEURAL_BATCH apply.
# Usage: scripts/benchmark-neural.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mirror="${AVATAR_MIRROR:-$(dirname "$root")/shared}"
face="$mirror/assets/faces/portrait_woman_474.png"
speech="$mirror/assets/audio/speech_en_8s_16k_stereo.wav"
if [[ ! -f "$face" || ! -f "$speech" || ! -d "$mirror/models" ]]; then
  echo "benchmark: shared assets and models not found in $mirror; set AVATAR_MIRROR to the shared folder" >&2
  exit 2
fi
export AVATAR_MIRROR="$mirror"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export AVATAR_CACHE_DIR="$work/cache"

python=/usr/bin/python3
[[ -x "$python" ]] || python=python3
neural="${AVATAR_NEURAL_DIR:-}"
weights="real exports in $neural"
if [[ -z "$neural" ]]; then
  neural="$work/stand-ins"
  weights="stand-in networks (models/export/fomm_standins.py)"
  "$python" "$root/models/export/fomm_standins.py" "$neural"
fi

mvn -q -B -f "$root/pom.xml" -pl function -am test-compile -DskipTests
mvn -q -B -f "$root/pom.xml" -pl function dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
classpath="$root/function/target/test-classes:$root/function/target/classes:$(cat "$work/classpath.txt")"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || true)"
echo "host: $(nproc) cores${cpu:+, $cpu}; $(java -version 2>&1 | head -n 1)"
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -n 1)"
else
  echo "gpu: none"
fi
echo "fomm weights: $weights; batch ${AVATAR_NEURAL_BATCH:-8}"
echo
printf '%-10s %-8s %8s %8s %10s %10s %s\n' backend device fps frames load_ms rss_mb encoder
for backend in cpu-warp fomm; do
  java ${AVATAR_JAVA_OPTS:--Xmx2g} -cp "$classpath" com.videogenie.avatar.render.fomm.NeuralBenchmark \
    "$backend" "$face" "$speech" "$work/out" 512 "$neural" >"$work/$backend.txt" 2>"$work/$backend.err" || {
    echo "benchmark: $backend failed:" >&2; tail -n 20 "$work/$backend.err" >&2; exit 1; }
  get() { awk -v k="$1" '$1 == k { print $2 }' "$work/$backend.txt"; }
  printf '%-10s %-8s %8s %8s %10s %10s %s\n' "$(get backend)" "$(get device)" "$(get fps)" "$(get frames)" \
    "$(get load_ms)" "$(get peak_rss_mb)" "$(get encoder)"
done
