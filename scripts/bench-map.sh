#!/usr/bin/env bash
# The map benchmark (docs/BENCHMARKS.md): cluster response time, size and features over
# many viewports at 100,000 organizations (`server bench-map`), then the bytes a phone
# downloads for the map on a cold load, measured from the running release server.
# Needs a release build (cargo leptos build --release). Usage: ./scripts/bench-map.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
bin=${BIN:-target/release/server}
work=${BENCH_DIR:-/tmp/poputchiki-bench-$count}
port=3197
mkdir -p "$work"
if [ ! -f "$work/data/poputchiki.db" ]; then
  "$bin" --data-dir "$work/gen" generate --count "$count" --seed 1 --out "$work/orgs.jsonl" 2>/dev/null
  "$bin" --data-dir "$work/data" import "$work/orgs.jsonl" | tail -2
fi
echo "### server bench-map (one thread)"
"$bin" --data-dir "$work/data" bench-map --viewports 500 2>/dev/null

echo
echo "### Map page transfer on a cold load (gzip, as the server sends it)"
POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$work/data" RUST_LOG=warn "$bin" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "| resource | gzip bytes | uncompressed bytes |"
echo "| --- | --- | --- |"
for path in /map.js /vendor/leaflet/leaflet.js /vendor/leaflet/leaflet.css /api/v1/okrugs.geojson \
  "/api/v1/map/clusters?bbox=61.9,54.2,68.7,56.9&zoom=6" \
  "/api/v1/map/clusters?bbox=65.2,55.38,65.5,55.52&zoom=11"; do
  gz=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$path")
  raw=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$path")
  echo "| \`$path\` | $gz | $raw |"
done
