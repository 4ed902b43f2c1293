#!/usr/bin/env bash
# Neural benchmark: prints figures, asserts nothing. Renders the 8 s sample speech at 512x512@25 once per
# renderer and mouth, each in its own JVM: cpu-warp and fomm with the formant mouth, and musetalk,
# wav2lip and diff2lip (25 steps, and 5) over cpu-warp, and gfpgan after the formant mouth, on the stand-in networks (or on the real exports when
# AVATAR_NEURAL_DIR names them). Prints frames per second of the frame loop, network calls, the host-device
# copies per frame (KB and ms), model load time, peak RSS and the device; with an NVIDIA GPU (nvidia-smi),
# also the card's name.
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
  weights="stand-in networks (models/export/*_standins.py)"
  "$python" "$root/models/export/fomm_standins.py" "$neural"
  "$python" "$root/models/export/lipsync_standins.py" "$neural"
  "$python" "$root/models/export/gfpgan_standins.py" "$neural"
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
echo "weights: $weights; batch ${AVATAR_NEURAL_BATCH:-8}"
echo
printf '%-9s %-15s %-7s %7s %6s %6s %8s %8s %8s %7s %s\n' renderer mouth device fps frames calls copy_kb \
  copy_ms load_ms rss_mb encoder
for run in "cpu-warp formant 25 none" "fomm formant 25 none" "cpu-warp musetalk 25 none" "cpu-warp wav2lip 25 none" \
    "cpu-warp diff2lip 25 none" "cpu-warp diff2lip 5 none" "cpu-warp formant 25 gfpgan"; do
  read -r renderer mouth steps enhance <<<"$run"
  name="$renderer-$mouth-$steps-$enhance"
  java ${AVATAR_JAVA_OPTS:--Xmx2g} -cp "$classpath" com.videogenie.avatar.neural.NeuralBenchmark \
    "$renderer" "$mouth" "$face" "$speech" "$work/out" 512 "$neural" "$steps" "$enhance" >"$work/$name.txt" \
    2>"$work/$name.err" || { echo "benchmark: $name failed:" >&2; tail -n 20 "$work/$name.err" >&2; exit 1; }
  get() { awk -v k="$1" '$1 == k { print $2 }' "$work/$name.txt"; }
  printf '%-9s %-15s %-7s %7s %6s %6s %8s %8s %8s %7s %s\n' "$(get renderer)" "$(get mouth)" "$(get device)" \
    "$(get fps)" "$(get frames)" "$(get calls)" "$(get copy_kb_per_frame)" "$(get copy_ms_per_frame)" \
    "$(get load_ms)" "$(get peak_rss_mb)" "$(get encoder)"
done
