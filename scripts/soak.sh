#!/usr/bin/env bash
# Soak test: SECONDS (default 600) of mixed traffic on loopback at a fixed RATE (default 20
# requests a second, what the 2-core machine holds with room to spare) against the release
# server with ORGS (default 100,000) organizations: search pages and API, organization and
# okrug pages, map clusters, logins and edits. Prints p50/p99 per kind, errors, and the
# server's RSS and open file descriptors every 30 s (they should stay flat).
#
# Usage: scripts/soak.sh     (needs `cargo leptos build --release` first, as run.sh does)
set -euo pipefail
cd "$(dirname "$0")/.."
ORGS="${ORGS:-100000}"
RATE="${RATE:-20}"
DURATION="${SECONDS_TOTAL:-600}"
BIN="${SERVER_BIN:-target/release/server}"
WORK="${WORK:-target/soak}"
PORT="${PORT:-3218}"
export POPUTCHIKI_DATA_DIR="$WORK/data" POPUTCHIKI_SEED_DIR=seed/regions POPUTCHIKI_ADDR="127.0.0.1:$PORT"
export LEPTOS_SITE_ROOT=target/site RUST_LOG="${RUST_LOG:-warn}"
if [ ! -f "$WORK/data/poputchiki.db" ]; then
  mkdir -p "$WORK"
  echo "== generating and importing $ORGS organizations"
  "$BIN" generate --count "$ORGS" --seed 7 >"$WORK/orgs.jsonl"
  "$BIN" import "$WORK/orgs.jsonl" | tail -3
  "$BIN" load-setup --orgs 200
fi
"$BIN" >"$WORK/server.log" 2>&1 & SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 5   # let start-up settle (index check, memory trim)
echo "== $DURATION s at $RATE requests/s"
"$BIN" soak --target "127.0.0.1:$PORT" --rate "$RATE" --seconds "$DURATION" --pid "$SERVER"
