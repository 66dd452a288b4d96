#!/usr/bin/env bash
# The search benchmark (docs/BENCHMARKS.md): 100,000 synthetic organizations, index build,
# the fixed query mix on one thread, the HTTP endpoint under load from a second process
# (wrk), and the serving process's memory. Needs a release build (cargo leptos build
# --release) and wrk (apt-get install wrk). Usage: ./scripts/bench-search.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
bin=${BIN:-target/release/server}
work=${BENCH_DIR:-/tmp/poputchiki-bench-$count}
port=3198
mkdir -p "$work"
if [ ! -f "$work/data/poputchiki.db" ]; then
  "$bin" --data-dir "$work/gen" generate --count "$count" --seed 1 --out "$work/orgs.jsonl" 2>/dev/null
  "$bin" --data-dir "$work/data" import "$work/orgs.jsonl" | tail -2
fi
echo "### server bench-search (one thread)"
"$bin" --data-dir "$work/data" bench-search --rounds 50

echo
echo "### HTTP: GET /api/v1/search under load (wrk from a second process, 20 s each, rotating the query mix)"
POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$work/data" RUST_LOG=warn "$bin" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$pid/status"; echo; }
echo "serving process after start-up: $(rss)"
for conns in 4 16; do
  echo "wrk -t2 -c$conns -d20s (closed loop: $conns requests in flight at all times)"
  wrk -t2 -c"$conns" -d20s --latency -s scripts/wrk/search-mix.lua "http://127.0.0.1:$port" | sed -n '/Latency Distribution/,/Requests\/sec/p'
done
echo "serving process after the load: $(rss)"
