#!/usr/bin/env bash
# Live WebRTC benchmark: starts the HTTP service in a test JVM and, with libwebrtc clients in the
# same JVM, prints for SESSIONS calls at once, each speaking SECONDS of the 60 s sample in real time,
# the frames received per second and the first frame's delay after the speech began; then threads and
# resident memory while CYCLES sessions are opened, connected, spoken to and deleted one after
# another. The browser's view (first frame, jitter buffers) is printed by LiveWebRtcBrowserTest.
# Models and assets from AVATAR_MIRROR (the shared folder beside the checkout by default).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AVATAR_MIRROR="${AVATAR_MIRROR:-$(cd "$root/.." && pwd)/shared}"
sessions="${SESSIONS:-10}" seconds="${SECONDS_OF_AUDIO:-10}" cycles="${CYCLES:-1000}"

mvn -B -f "$root/pom.xml" -pl adapters/http -am test -Dtest=WebRtcLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dwebrtc.sessions="$sessions" -Dwebrtc.seconds="$seconds" -Dwebrtc.cycles="$cycles" \
  | grep 'webrtc benchmark'
