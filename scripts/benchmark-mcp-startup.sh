#!/usr/bin/env bash
# Start-up of the MCP server as a gateway sees it: `./avatar mcp` launched, `initialize` written to
# its stdin, time until the answer comes back on stdout; and time until the face models are loaded
# (they load in the background, so initialize never waits; a render that comes earlier does).
# Prints one line per run and the medians. Usage: scripts/benchmark-mcp-startup.sh [runs, default 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"

export AVATAR_MIRROR="${AVATAR_MIRROR:-$(cd "$root/.." && pwd)/shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export AVATAR_CACHE_DIR="$work/cache"
export AVATAR_ALLOWED_INPUT_DIRS="$AVATAR_MIRROR/assets"
export AVATAR_OUTPUT_DIR="$work/out"

if [[ ! -f "$root/adapters/mcp/target/avatar-mcp.jar" || ! -d "$root/adapters/mcp/target/lib" ]]; then
  echo "building the MCP adapter first (not timed)..." >&2
  "$root/avatar" mcp </dev/null >/dev/null 2>&1
fi

initialize='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"benchmark","version":"1"}}}'
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), JVM options: ${AVATAR_JAVA_OPTS:--Xmx768m -XX:+UseSerialGC}"
init_times=()
ready_times=()
for run in $(seq 1 "$runs"); do
  log="$work/stderr-$run.log"
  start=$(now_ms)
  coproc SERVER { exec "$root/avatar" mcp 2>"$log"; }
  to_server=${SERVER[1]}
  from_server=${SERVER[0]}
  printf '%s\n' "$initialize" >&"$to_server"
  IFS= read -r -t 60 reply <&"$from_server"
  answered=$(now_ms)
  if [[ "$reply" != *'"protocolVersion":"2025-11-25"'* ]]; then
    echo "run $run: unexpected reply to initialize: $reply" >&2
    exit 1
  fi
  until grep -q "Models loaded" "$log"; do
    if (( $(now_ms) - start > 120000 )); then echo "run $run: models never loaded; see $log" >&2; exit 1; fi
    sleep 0.01
  done
  ready=$(now_ms)
  load=$(sed -n 's/.*Models loaded in \([0-9]*\) ms.*/\1/p' "$log")
  exec {to_server}>&-
  wait "$SERVER_PID"
  init_times+=($(( answered - start )))
  ready_times+=($(( ready - start )))
  echo "run $run: initialize answered after $(( answered - start )) ms; models ready after $(( ready - start )) ms (loading took $load ms)"
done
echo "median of $runs: initialize answered after $(printf '%s\n' "${init_times[@]}" | median) ms;" \
  "models ready after $(printf '%s\n' "${ready_times[@]}" | median) ms"
