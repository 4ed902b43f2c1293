#!/usr/bin/env bash
# Render benchmark: prints figures, asserts nothing. Renders the 60 s sample speech at 512x512@25 with
# ./avatar (wall time, real-time factor, per-stage timings, peak memory), then measures the encode-only
# floor for the same number of frames. --long also renders a 10-minute speech, to show that memory
# does not grow with the video. AVATAR_MIRROR: the shared folder (default: `shared` beside the repo).
# Usage: scripts/benchmark-render.sh [--long]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mirror="${AVATAR_MIRROR:-$(dirname "$root")/shared}"
long=0
for arg in "$@"; do
  case "$arg" in
    --long) long=1 ;;
    -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | cut -c3-; exit 0 ;;
    *) echo "benchmark: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

face="$mirror/assets/faces/portrait_woman_474.png"
speech="$mirror/assets/audio/speech_en_60s_16k_mono.wav"
if [[ ! -f "$face" || ! -f "$speech" || ! -d "$mirror/models" ]]; then
  echo "benchmark: shared assets and models not found in $mirror; set AVATAR_MIRROR to the shared folder" >&2
  exit 2
fi
export AVATAR_MIRROR="$mirror"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Models come from the mirror; anything downloaded lands here, never in the user's cache.
export AVATAR_CACHE_DIR="$work/cache"

have_python=0
command -v python3 >/dev/null && have_python=1
have_time=0
if [[ -x /usr/bin/time ]]; then
  have_time=1
else
  echo "benchmark: /usr/bin/time not found; peak RSS is skipped" >&2
fi

# The launcher builds on first use. The encode-floor tool lives in the core's test sources.
"$root/avatar" --version >/dev/null
mvn -q -B -f "$root/pom.xml" -pl function -am test-compile -DskipTests
mvn -q -B -f "$root/pom.xml" -pl function dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
floor_classpath="$root/function/target/test-classes:$root/function/target/classes:$(cat "$work/classpath.txt")"

calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

# result FILE KEY: a value from the result JSON (last stdout line); KEY is e.g. frames or timings.frames.
result() {
  if (( have_python )); then
    python3 - "$1" "$2" <<'PY'
import json, sys
value = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
for key in sys.argv[2].split("."):
    value = value[key]
print(value)
PY
  else
    local line
    line="$(tail -n 1 "$1")"
    if [[ "$2" == timings.* ]]; then
      line="$(grep -o '"timings":{[^}]*}' <<<"$line")"
    fi
    grep -o "\"${2##*.}\":[^,}]*" <<<"$line" | head -n 1 | cut -d: -f2 | tr -d '"'
  fi
}

# stages FILE: "decode 632, face 93, ..." from the result's timings, in pipeline order.
stages() {
  if (( have_python )); then
    python3 - "$1" <<'PY'
import json, sys
timings = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["timings"]
print(", ".join(f"{name} {ms}" for name, ms in timings.items()))
PY
  else
    tail -n 1 "$1" | grep -o '"timings":{[^}]*}' | sed 's/"timings":{//; s/}//; s/"//g; s/:/ /g; s/,/, /g'
  fi
}

# render LABEL AUDIO: runs ./avatar render and sets wall_s, rss ("312 MB", or "skipped"), json.
render() {
  local label="$1" audio="$2" start end
  local cmd=("$root/avatar" render --image "$face" --audio "$audio" --out "$work/$label.mp4"
             --width 512 --height 512 --fps 25 --seed 1)
  json="$work/$label.json"
  start="$(date +%s%N)"
  if (( have_time )); then
    /usr/bin/time -v -o "$work/$label.time" "${cmd[@]}" >"$json" 2>"$work/$label.err" || render_failed "$label"
  else
    "${cmd[@]}" >"$json" 2>"$work/$label.err" || render_failed "$label"
  fi
  end="$(date +%s%N)"
  wall_s="$(calc "($end - $start) / 1e9" 2)"
  rss="skipped"
  if (( have_time )); then
    rss="$(awk -F: '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$work/$label.time")"
  fi
}

render_failed() {
  echo "benchmark: the $1 render failed:" >&2
  tail -n 5 "$work/$1.err" >&2
  tail -n 1 "$work/$1.json" >&2
  exit 1
}

# report LABEL: prints the figures of the last render and sets video_s, rtf, loop_rtf.
report() {
  local frames_ms total_ms
  video_s="$(result "$json" durationSeconds)"
  frames_ms="$(result "$json" timings.frames)"
  total_ms="$(result "$json" timings.total)"
  rtf="$(calc "$video_s / $wall_s" 1)"
  loop_rtf="$(calc "$video_s / ($frames_ms / 1000)" 1)"
  printf '%-26s %s s\n' "wall time" "$wall_s"
  printf '%-26s %s s, %s frames, %s, %s\n' "video" "$video_s" "$(result "$json" frames)" \
         "$(result "$json" encoder)" "$(result "$json" renderer)"
  printf '%-26s %sx (video s per wall s)\n' "real-time factor, process" "$rtf"
  printf '%-26s %sx (timings.frames %s ms)\n' "real-time factor, frames" "$loop_rtf" "$frames_ms"
  printf '%-26s %s s (JVM start, model loading)\n' "outside render()" "$(calc "$wall_s - $total_ms / 1000" 2)"
  printf '%-26s %s\n' "stages (ms)" "$(stages "$json")"
  printf '%-26s %s\n' "peak RSS" "$rss"
}

cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
echo "host: $(nproc) cores${cpu:+, $cpu}; $(java -version 2>&1 | head -n 1)"
echo "mirror: $mirror"
echo

echo "== render: $(basename "$speech") + $(basename "$face"), 512x512@25 =="
render short "$speech"
report
short_wall="$wall_s" short_rss="$rss" short_rtf="$rtf" short_loop_rtf="$loop_rtf"
short_frames="$(result "$json" frames)"
short_frames_ms="$(result "$json" timings.frames)"
echo

echo "== encode-only floor: $short_frames frames cycling the first 250 rendered, same encoder and audio =="
floor="$(java ${AVATAR_JAVA_OPTS:--Xmx768m -XX:+UseSerialGC} \
  -cp "$floor_classpath" com.videogenie.avatar.media.EncodeFloorBenchmark "$work/short.mp4" "$speech" "$short_frames" 2>"$work/floor.err")" || {
  echo "benchmark: the encode-floor run failed:" >&2
  tail -n 5 "$work/floor.err" >&2
  exit 1
}
floor_field() { awk -v key="$1" '{ for (i = 1; i <= NF; i++) if (index($i, key "=") == 1) print substr($i, length(key) + 2) }' <<<"$floor"; }
floor_s="$(floor_field seconds)"
printf '%-26s %s\n' "frames" "$(floor_field frames)"
printf '%-26s %s s\n' "seconds" "$floor_s"
printf '%-26s %s\n' "frames per second" "$(floor_field fps)"
printf '%-26s %sx\n' "x real time" "$(floor_field x_real_time)"
printf '%-26s %s\n' "encoder" "$(floor_field encoder)"
printf '%-26s %s%% of the render frame loop\n' "floor share" "$(calc "100 * $floor_s / ($short_frames_ms / 1000)" 0)"
echo

if (( long )); then
  echo "== long render: 10 minutes (the 60 s speech 10 times) =="
  if (( have_python )); then
    python3 - "$speech" "$work/speech_10min.wav" <<'PY'
import sys, wave
with wave.open(sys.argv[1], "rb") as source:
    params = source.getparams()
    frames = source.readframes(source.getnframes())
with wave.open(sys.argv[2], "wb") as target:
    target.setparams(params)
    for _ in range(10):
        target.writeframes(frames)
PY
    render long "$work/speech_10min.wav"
    report
    long_wall="$wall_s" long_rss="$rss" long_rtf="$rtf"
  else
    echo "python3 not found; the 10-minute WAV cannot be built, skipped"
  fi
  echo
fi

echo "== summary =="
printf '%-16s wall %6s s   RTF %5sx   frame-loop RTF %5sx   peak RSS %s\n' \
       "60 s render" "$short_wall" "$short_rtf" "$short_loop_rtf" "$short_rss"
printf '%-16s %s frames in %s s   %s fps   %sx real time\n' \
       "encode floor" "$short_frames" "$floor_s" "$(floor_field fps)" "$(floor_field x_real_time)"
if [[ -n "${long_wall:-}" ]]; then
  printf '%-16s wall %6s s   RTF %5sx   peak RSS %s (60 s: %s)\n' \
         "10 min render" "$long_wall" "$long_rtf" "$long_rss" "$short_rss"
fi
