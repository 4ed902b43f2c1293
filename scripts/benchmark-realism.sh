#!/usr/bin/env bash
# Realism benchmark: prints figures, asserts nothing. Self-reenactment on every shared real talking
# video (first frame as the photo, its own sound as the speech), comparing face-mesh tracks of our
# render with the real speaker's: mouth-opening correlation at the best lag within +-3 frames, amplitude
# ratio, closed-lip agreement, head-motion ratio, blinks per minute. Then the painting with the English
# speech, beside SadTalker's output for the same inputs. Uses only the project's face mesh and FFmpeg.
# AVATAR_MIRROR: the shared folder (default: `shared` beside the repo). KEEP=DIR keeps the renders there.
# Usage: scripts/benchmark-realism.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mirror="${AVATAR_MIRROR:-$(dirname "$root")/shared}"
case "${1:-}" in
  -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | cut -c3-; exit 0 ;;
  "") ;;
  *) echo "benchmark: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac
if [[ ! -d "$mirror/assets/video" || ! -d "$mirror/models" ]]; then
  echo "benchmark: shared assets and models not found in $mirror; set AVATAR_MIRROR to the shared folder" >&2
  exit 2
fi
export AVATAR_MIRROR="$mirror"
if [[ -n "${KEEP:-}" ]]; then
  work="$KEEP"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
# Models come from the mirror; anything downloaded lands in the work folder, never in the user's cache.
export AVATAR_CACHE_DIR="$work/cache"

# The tool lives in the core's test sources (it reuses the test asset lookup).
mvn -q -B -f "$root/pom.xml" -pl function -am test-compile -DskipTests
mvn -q -B -f "$root/pom.xml" -pl function dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
classpath="$root/function/target/test-classes:$root/function/target/classes:$(cat "$work/classpath.txt")"

echo "host: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
start=$(date +%s)
(cd "$root/function" && java ${AVATAR_JAVA_OPTS:--Xmx2g} -cp "$classpath" \
  com.videogenie.avatar.realism.RealismBenchmark "$work")
echo "wall: $(( $(date +%s) - start )) s"
