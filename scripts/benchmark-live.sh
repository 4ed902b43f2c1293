#!/usr/bin/env bash
# Live WebSocket benchmark: starts the HTTP service in a test JVM and prints, for SESSIONS sessions at
# once streaming SECONDS of the 60 s sample at real-time pace in 20 ms chunks, the first fragment's
# delay after the first audio chunk (p50/max) and frame latency (audio chunk sent -> fragment
# received, p50/p95/max); then memory (heap after GC, RSS) each minute of one MINUTES-long session sent
# at up to SPEED x real time. Models and assets from AVATAR_MIRROR (the shared folder beside the
# checkout by default).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AVATAR_MIRROR="${AVATAR_MIRROR:-$(cd "$root/.." && pwd)/shared}"
sessions="${SESSIONS:-10}" seconds="${SECONDS_OF_AUDIO:-20}" minutes="${MINUTES:-10}" speed="${SPEED:-5}"

# One reactor build: the core and its test jar come from this checkout, nothing is installed.
mvn -B -f "$root/pom.xml" -pl adapters/http -am test -Dtest=LiveLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlive.sessions="$sessions" -Dlive.seconds="$seconds" -Dlive.minutes="$minutes" -Dlive.speed="$speed" \
  | grep 'live benchmark'
