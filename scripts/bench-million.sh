#!/usr/bin/env bash
# One million generated organizations on SQLite (issue 17): generation, import, index
# rebuild, disk, the search mix and the map clusters on one thread (`server bench-search`,
# `server bench-map`), and the serving process's memory after start-up and under the search
# mix from wrk. Needs a release build and ~20 GB free; about 25 minutes on 2 cores
# (2026-12-07, fourth session: generation 3.7 min, import 8.4 min, index rebuild 3.2 min,
# bench-search 4 min, bench-map 3 min).
#   scripts/bench-million.sh [COUNT]   (default 1000000; BIN= another server binary)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
bin=${BIN:-target/release/server}
work=${BENCH_DIR:-/tmp/poputchiki-bench-$count}
port=3196
mkdir -p "$work"
t() { /usr/bin/time -f "$1: %e s, peak RSS %M KB" "${@:2}"; }
if [ ! -f "$work/orgs.jsonl" ]; then
  t "generate $count" "$bin" --data-dir "$work/gen" generate --count "$count" --seed 1 --out "$work/orgs.jsonl" 2>&1 >/dev/null | tail -1
fi
if [ ! -f "$work/data/poputchiki.db" ]; then
  t "import $count" "$bin" --data-dir "$work/data" import "$work/orgs.jsonl" 2>&1 >/dev/null | tail -1
  t "index rebuild" "$bin" --data-dir "$work/data" reindex 2>&1 >/dev/null | tail -1
fi
echo "disk: database $(du -sh "$work/data/poputchiki.db" | cut -f1) (plus WAL $(du -sh "$work/data/poputchiki.db-wal" 2>/dev/null | cut -f1 || echo 0)), search index $(du -sh "$work/data/search" | cut -f1), input $(du -sh "$work/orgs.jsonl" | cut -f1)"
echo "### server bench-search (one thread)"
t "bench-search" "$bin" --data-dir "$work/data" bench-search --rounds 10 2>&1
echo "### server bench-map (one thread)"
t "bench-map" "$bin" --data-dir "$work/data" bench-map --viewports 200 2>&1
echo "### the serving process"
POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$work/data" RUST_LOG=warn "$bin" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$pid/status"; echo; }
echo "after start-up: $(rss)"
BENCH_DIR=$work COUNT=$count wrk -t2 -c4 -d20s --latency -s scripts/wrk/search-mix.lua "http://127.0.0.1:$port" \
  | sed -n '/Latency Distribution/,/Requests\/sec/p'
echo "after the search mix: $(rss)"
