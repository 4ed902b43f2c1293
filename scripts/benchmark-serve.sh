#!/usr/bin/env bash
# Start-up benchmark for `./avatar serve`: prints the time from process start to ready (models
# loaded and warm-up render passed, /actuator/health/readiness = 200), then the time of one render
# request, then stops the service with SIGTERM. Models come from AVATAR_MODELS_DIR or AVATAR_MIRROR
# (the shared folder beside the checkout by default); with a mirror the warm-up is a full render of
# its sample portrait.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AVATAR_MIRROR="${AVATAR_MIRROR:-$(cd "$root/.." && pwd)/shared}"
export PORT="${PORT:-18080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export AVATAR_CACHE_DIR="$work/cache" AVATAR_OUTPUT_DIR="$work/out"
export AVATAR_ALLOWED_INPUT_DIRS="$AVATAR_MIRROR/assets"
if [[ -z "${AVATAR_WARMUP_IMAGE:-}" && -f "$AVATAR_MIRROR/assets/faces/portrait_woman_256.png" ]]; then
  export AVATAR_WARMUP_IMAGE="$AVATAR_MIRROR/assets/faces/portrait_woman_256.png"
  export AVATAR_WARMUP_AUDIO="$AVATAR_MIRROR/assets/audio/speech_en_8s_16k_stereo.wav"
fi

if [[ ! -f "$root/adapters/http/target/avatar-http.jar" ]]; then
  echo "building the http adapter..." >&2
  mvn -q -B -f "$root/pom.xml" -DskipTests -pl adapters/http -am package >&2
fi

start=$(date +%s%N)
"$root/avatar" serve >"$work/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$work/serve.log" >&2
    echo "the service exited before it was ready" >&2
    exit 1
  fi
  sleep 0.05
done
ready=$(date +%s%N)
printf 'start-to-ready: %.2f s\n' "$(echo "($ready - $start) / 1000000000" | bc -l)"
grep -E "Models loaded|Warm-up" "$work/serve.log" | sed 's/^.*: /  /' || true

request="{\"avatarUrl\":\"$AVATAR_MIRROR/assets/faces/portrait_woman_474.png\",\"audioUrl\":\"$AVATAR_MIRROR/assets/audio/speech_en_8s_16k_stereo.wav\"}"
t0=$(date +%s%N)
status=$(curl -s -o "$work/reply.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/" \
  -H 'ce-specversion: 1.0' -H 'ce-id: bench-1' -H 'ce-source: /benchmark' \
  -H 'ce-type: com.videogenie.avatar.render.requested' -H 'Content-Type: application/json' -d "$request")
t1=$(date +%s%N)
printf 'first render (8 s speech, 512x512@25): HTTP %s in %.2f s\n' "$status" "$(echo "($t1 - $t0) / 1000000000" | bc -l)"

kill -TERM "$pid"
wait "$pid" || true
