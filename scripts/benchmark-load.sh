#!/usr/bin/env bash
# Load benchmark for `./avatar serve` (prints figures, asserts nothing):
#  1. N sequential renders (default 100; LOAD_RENDERS) in one service process, printing the
#     process's resident memory (RSS, from /proc) after the warm-up and after every 10 renders;
#  2. 20 requests at once against one render slot: how many rendered, how many got 503 BUSY with
#     Retry-After, and the slowest answer;
#  3. the running event delivered again during and after its render: how many renders ran.
# Only the service's own background jobs are waited for by pid: a bare `wait` would wait for the service.
# The service runs as `./avatar serve` does it (-Xmx768m, serial GC); the renders are the shared
# portrait at 256x256, 25 fps, with 8 s of speech (sequential) and 60 s (crowd, repeats).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AVATAR_MIRROR="${AVATAR_MIRROR:-$(cd "$root/.." && pwd)/shared}"
export PORT="${PORT:-18081}"
renders="${LOAD_RENDERS:-100}"
work="$(mktemp -d)"
pid=""
trap '[[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
export AVATAR_CACHE_DIR="$work/cache" AVATAR_OUTPUT_DIR="$work/out" AVATAR_WORK_DIR="$work/jobs"
export AVATAR_ALLOWED_INPUT_DIRS="$AVATAR_MIRROR/assets" AVATAR_MAX_CONCURRENT_RENDERS=1
export AVATAR_WARMUP_IMAGE="$AVATAR_MIRROR/assets/faces/portrait_woman_256.png"
export AVATAR_WARMUP_AUDIO="$AVATAR_MIRROR/assets/audio/speech_en_8s_16k_stereo.wav"

if [[ ! -f "$root/adapters/http/target/avatar-http.jar" ]]; then
  echo "building the http adapter..." >&2
  mvn -q -B -f "$root/pom.xml" -DskipTests -pl adapters/http -am package >&2
fi
"$root/avatar" serve >"$work/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "the service exited before it was ready" >&2; exit 1; }
  sleep 0.1
done

rss() { awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status"; }
started() { curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | awk '/^avatar_renders_started_total/ { print int($2) }'; }
speech="${speech:-speech_en_8s_16k_stereo.wav}"
request() {  # output name
  printf '{"avatarUrl":"%s","audioUrl":"%s","outputUrl":"%s","width":256,"height":256,"seed":1}' \
    "$AVATAR_MIRROR/assets/faces/portrait_woman_474.png" "$AVATAR_MIRROR/assets/audio/$speech" "$1"
}
post() {  # event id, output name, curl's -w format, file for the reply's headers; prints what -w gives
  curl -s -o /dev/null -D "${4:-/dev/null}" -w "$3" -X POST "http://127.0.0.1:$PORT/" -H 'ce-specversion: 1.0' \
    -H "ce-id: $1" -H 'ce-source: /benchmark' -H 'ce-type: com.videogenie.avatar.render.requested' \
    -H 'Content-Type: application/json' -d "$(request "$2")"
}

echo "== $renders sequential renders (8 s speech, 256x256@25) in one process"
echo "after the warm-up: RSS $(rss)"
t0=$(date +%s%N)
for ((i = 1; i <= renders; i++)); do
  status=$(post "seq-$i" "seq.mp4" '%{http_code}')
  [[ "$status" == 200 ]] || { echo "render $i answered HTTP $status" >&2; exit 1; }
  if ((i % 10 == 0)); then
    printf 'after %3d renders: RSS %s (%.2f s per render so far)\n' "$i" "$(rss)" \
      "$(echo "($(date +%s%N) - $t0) / 1000000000 / $i" | bc -l)"
  fi
done

# Longer renders from here on (60 s of speech), so the crowd and the repeats meet a render running.
speech=speech_en_60s_16k_mono.wav
echo "== 20 requests at once (60 s speech), one render slot"
for i in $(seq 1 20); do
  post "crowd-$i" "crowd-$i.mp4" '%{http_code} %{time_total}\n' "$work/crowd-$i.headers" >"$work/crowd-$i" &
done
for i in $(seq 1 20); do while [[ ! -s "$work/crowd-$i" ]]; do sleep 0.05; done; done
cat "$work"/crowd-? "$work"/crowd-?? | awk '{ n[$1]++; if ($2 > slowest) slowest = $2 } END {
  printf "rendered (200): %d, refused busy (503): %d, other: %d; slowest answer %.2f s\n",
    n["200"], n["503"], 20 - n["200"] - n["503"], slowest }'
echo "refusals with a Retry-After header: $(grep -il '^retry-after:' "$work"/crowd-*.headers | wc -l)"

echo "== one event (60 s speech) delivered three times: during its render and after it"
before=$(started)
post "again" "again.mp4" '%{http_code}\n' >"$work/again-1" &
first=$!
sleep 1
post "again" "again.mp4" '%{http_code}\n' >"$work/again-2"
wait "$first"
post "again" "again.mp4" '%{http_code}\n' >"$work/again-3"
echo "answers: $(cat "$work"/again-* | tr '\n' ' ')renders run: $(($(started) - before))"
echo "RSS at the end: $(rss)"
kill -TERM "$pid"
wait "$pid" || true
pid=""
