#!/usr/bin/env bash
# The download benchmark (docs/BENCHMARKS.md): every organization of a 100,000-organization
# directory in each format through HTTP, with the time, the size and the serving process's
# peak memory above its idle level (VmHWM is reset before each download through
# /proc/PID/clear_refs). Needs a release build (cargo leptos build --release); reuses the
# search benchmark's data. Usage: ./scripts/bench-export.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
bin=target/release/server
work=${BENCH_DIR:-/tmp/poputchiki-bench-$count}
port=3197
mkdir -p "$work"
if [ ! -f "$work/data/poputchiki.db" ]; then
  "$bin" --data-dir "$work/gen" generate --count "$count" --seed 1 --out "$work/orgs.jsonl" 2>/dev/null
  "$bin" --data-dir "$work/data" import "$work/orgs.jsonl" | tail -2
fi
POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$work/data" RUST_LOG=warn "$bin" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
# Let start-up work (the search table, the index) settle before taking the idle level.
sleep 5
kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$pid/status"; }
echo "idle: VmRSS $(( $(kb VmRSS) / 1024 )) MB"
printf '%-8s %8s %10s %14s %16s\n' format seconds MB rows "peak above idle"
for ext in csv xlsx geojson jsonl; do
  idle=$(kb VmRSS)
  echo 5 > "/proc/$pid/clear_refs"
  out=$(curl -s -o "$work/export.$ext" -D "$work/headers.$ext" -w '%{time_total} %{size_download}' \
    "http://127.0.0.1:$port/api/v1/organizations.$ext")
  peak=$(kb VmHWM)
  rows=$(awk -F': ' 'tolower($1) == "x-total-count" {print $2+0}' "$work/headers.$ext")
  read -r secs bytes <<<"$out"
  printf '%-8s %8.2f %10.1f %14s %13d MB\n' "$ext" "$secs" "$(echo "$bytes / 1048576" | bc -l)" "$rows" $(( (peak - idle) / 1024 ))
done
