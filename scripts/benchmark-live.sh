#!/usr/bin/env bash
# Live WebSocket benchmark: starts the HTTP service in a test JVM and prints frame latency (audio
# chunk sent -> fragment received, p50/p95/max) for SESSIONS sessions at once streaming SECONDS of
# the 60 s sample at real-time pace in 20 ms chunks, then memory (heap after GC, RSS) each minute
# of one MINUTES-long session sent at SPEED x real time. Models and assets from AVATAR_MIRROR (the
# shared folder beside the checkout by default).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AVATAR_MIRROR="${AVATAR_MIRROR:-$(cd "$root/.." && pwd)/shared}"
sessions="${SESSIONS:-10}" seconds="${SECONDS_OF_AUDIO:-20}" minutes="${MINUTES:-10}" speed="${SPEED:-5}"

mvn -q -B -f "$root/pom.xml" -DskipTests -pl adapters/http -am install >&2
mvn -B -f "$root/adapters/http/pom.xml" test -Dtest=LiveLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlive.sessions="$sessions" -Dlive.seconds="$seconds" -Dlive.minutes="$minutes" -Dlive.speed="$speed" \
  | grep 'live benchmark'
