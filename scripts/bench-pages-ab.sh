#!/usr/bin/env bash
# Uncached page throughput of two server builds, measured in turns (A, B, A, B, …) on the
# same database, because this shared 2-core machine's speed drifts by a quarter between
# minutes: a random organization page, the search page «помощь» (the same words each time,
# so their text matches are kept after the first) and the search page for words that change
# from request to request (scripts/wrk/random-search.lua), wrk beside the server (-t2 -c8
# -d10s), the page cache off, and the server's RSS (now and peak) after each run.
#   scripts/bench-pages-ab.sh BIN_A BIN_B [ROUNDS]
# The database is that of the last `scripts/bench-backends.sh 100000` (target/bench-backends/
# sqlite); a release build of each side is needed (copy target/release/server aside first).
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:?first server binary}
b=${2:?second server binary}
rounds=${3:-2}
data=target/bench-backends/sqlite
count=${COUNT:-100000}
[ -f "$data/poputchiki.db" ] || { echo "no $data: run scripts/bench-backends.sh $count first" >&2; exit 1; }
port=3199

run() { # label, binary
  POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$data" RUST_LOG=error \
    POPUTCHIKI_PAGE_CACHE_MB=0 LEPTOS_SITE_ROOT=target/site "$2" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  local org search varied
  org=$(COUNT=$count wrk -t2 -c8 -d10s --latency -s scripts/wrk/random-org.lua "http://127.0.0.1:$port/" |
    awk '/Requests\/sec/{r=$2} $1=="50%"{p=$2} END{printf "%s requests/s (p50 %s)", r, p}')
  search=$(wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$port/?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C" |
    awk '/Requests\/sec/{r=$2} $1=="50%"{p=$2} $1=="99%"{q=$2} END{printf "%s requests/s (p50 %s, p99 %s)", r, p, q}')
  varied=$(wrk -t2 -c8 -d10s --latency -s scripts/wrk/random-search.lua "http://127.0.0.1:$port/" |
    awk '/Requests\/sec/{r=$2} $1=="50%"{p=$2} $1=="99%"{q=$2} END{printf "%s requests/s (p50 %s, p99 %s)", r, p, q}')
  echo "$1: organization page $org; search page $search; changing words $varied;" \
    "RSS $(($(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024)) MB, peak $(($(awk '/VmHWM/{print $2}' /proc/$pid/status) / 1024)) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "$rounds"); do
  run "A ($a), round $i" "$a"
  run "B ($b), round $i" "$b"
done
