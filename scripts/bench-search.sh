#!/usr/bin/env bash
# The search benchmark (docs/BENCHMARKS.md): 100,000 synthetic organizations, index build,
# the fixed query mix on one thread, the HTTP endpoint under load from a second process
# (wrk), and the serving process's memory. Needs a release build (cargo leptos build
# --release) and wrk (apt-get install wrk). Usage: ./scripts/bench-search.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
bin=target/release/server
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
cat > "$work/mix.lua" <<'LUA'
local paths = {
  "/api/v1/search?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C",
  "/api/v1/search?q=%D1%8E%D1%80%D0%B8%D0%B4",
  "/api/v1/search?q=%D0%B2%D0%B0%D0%BB%D0%B0%D0%BD%D1%82%D1%91%D1%80%D1%8B%20",
  "/api/v1/search?direction=social_services&audience=elderly",
  "/api/v1/search?q=%D1%81%D0%BF%D0%BE%D1%80%D1%82&near=55.449,65.343&radius_km=30",
  "/api/v1/search?near=55.449,65.343&radius_km=50&sort=distance",
  "/api/v1/search?sort=name&page=3",
  "/api/v1/search?q=%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0&okrug=shumikhinsky",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
for conns in 4 16; do
  echo "wrk -t2 -c$conns -d20s (closed loop: $conns requests in flight at all times)"
  wrk -t2 -c"$conns" -d20s --latency -s "$work/mix.lua" "http://127.0.0.1:$port" | sed -n '/Latency Distribution/,/Requests\/sec/p'
done
echo "serving process after the load: $(rss)"
